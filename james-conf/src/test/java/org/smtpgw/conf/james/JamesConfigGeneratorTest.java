package org.smtpgw.conf.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.conf.ConfigLoader;
import org.smtpgw.conf.GatewayConfig;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class JamesConfigGeneratorTest {

    @TempDir
    Path home;

    @BeforeEach
    void template() throws Exception {
        Files.createDirectories(home.resolve("t"));
        Files.writeString(home.resolve("t/dsn.txt"), "Sorry from [machine] <&> \"quoted\"\n");
    }

    private GatewayConfig config(String... extraLines) {
        List<String> lines = new ArrayList<>(List.of(
            "[path]", "BasesPath=b", "LicensePath=l",
            "[smtpgw.network]", "Hostname=gw.test", "Postmaster=pm@gw.test", "ProtectedDomains=any",
            "ListenOn=127.0.0.1:2525", "ListenOn=127.0.0.2:2526",
            "[smtpgw.options]", "DSNTemplate=t/dsn.txt",
            "[smtpgw.path]", "QueuePath=q", "ControlPath=c",
            "[smtpgw.policy]", "Check=1", "AdminNotifyAddress=a@gw.test", "NotifyFromAddress=n@gw.test",
            "BackupPath=var/backup", "QuarantinePath=var/quarantine", "NotifyAdminTemplate=t/a",
            "NotifyRecipientTemplate=t/r", "NotifySenderTemplate=t/s", "PlaceholderTemplate=t/p",
            "ActionDisinfected=cure", "ActionInfected=remove", "ActionSuspicious=remove", "ActionProtected=remove",
            "ActionError=remove", "ActionFiltered=remove"));
        lines.addAll(List.of(extraLines));
        return ConfigLoader.check(Path.of("smtpgw.conf"), lines, home).config().orElseThrow();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> values(Document d, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static GeneratedConfiguration generate(GatewayConfig c) {
        return new JamesConfigGenerator(MxLookup.NONE).render(c);
    }

    @Test
    void generateShouldProduceEveryFileTheServerNeedsAndWellFormedXml() throws Exception {
        GeneratedConfiguration g = generate(config());

        assertThat(g.files().keySet()).containsExactly("smtpserver.xml", "mailetcontainer.xml", "domainlist.xml",
            "dnsservice.xml", "mailrepositorystore.xml", "usersrepository.xml", "recipientrewritetable.xml",
            "webadmin.properties", "jmx.properties", "extensions.properties", "logback.xml");
        for (String name : g.files().keySet()) {
            if (name.endsWith(".xml")) {
                assertThat(parse(g.file(name)).getDocumentElement()).as(name).isNotNull();
            }
        }
    }

    @Test
    void generateShouldBeDeterministic() {
        GatewayConfig c = config("[smtpgw.forward]", "ForwardRoute=a.test [127.0.0.1:1025]");

        assertThat(generate(c)).isEqualTo(generate(c));
    }

    @Test
    void smtpServerShouldBindEveryListenOnAddressInOneServer() throws Exception {
        Document d = parse(generate(config()).file("smtpserver.xml"));

        assertThat(values(d, "/smtpservers/smtpserver/bind")).containsExactly("127.0.0.1:2525,127.0.0.2:2526");
        assertThat(values(d, "/smtpservers/smtpserver/helloName")).containsExactly("gw.test");
        assertThat(values(d, "/smtpservers/smtpserver/authorizedAddresses")).isEmpty();
    }

    @Test
    void accessRulesHookShouldComeAfterEveryOtherRcptHookAndBeforeTheCoreHandlers() throws Exception {
        Document d = parse(generate(config("[smtpgw.access]", "Rule=allow from 127.0.0.1 to any",
            "Rule=deny from any to any", "DenyUnresolvedMailfrom=yes")).file("smtpserver.xml"));

        List<String> classes = values(d, "//handlerchain/handler/@class");
        int access = classes.indexOf("org.smtpgw.mailets.smtp.AccessRulesHook");
        assertThat(classes.indexOf("org.apache.james.smtpserver.dsn.DSNRcptParameterHook")).isLessThan(access);
        assertThat(classes.indexOf("org.apache.james.smtpserver.fastfail.MaxRcptHandler")).isLessThan(access);
        assertThat(classes.get(classes.size() - 1)).isEqualTo("org.apache.james.smtpserver.CoreCmdHandlerLoader");
        assertThat(access).isEqualTo(classes.size() - 2);
        assertThat(values(d, "//handler[@class='org.smtpgw.mailets.smtp.AccessRulesHook']/rule"))
            .containsExactly("allow from 127.0.0.1 to any", "deny from any to any");
    }

    @Test
    void dnsChecksShouldBeConfiguredOnlyWhenEnabled() throws Exception {
        List<String> off = values(parse(generate(config()).file("smtpserver.xml")), "//handler/@class");
        Document on = parse(generate(config("[smtpgw.access]", "DenyUnresolvedConnect=yes",
            "[smtpgw.timeouts]", "UnresolvedCacheRefreshPeriod=77")).file("smtpserver.xml"));

        assertThat(off).noneMatch(c -> c.contains("DenyUnresolved"));
        assertThat(values(on, "//handler[@class='org.smtpgw.mailets.smtp.DenyUnresolvedConnectHandler']/cacheSeconds"))
            .containsExactly("77");
        assertThat(values(on, "//handler/@class")).doesNotContain("org.smtpgw.mailets.smtp.DenyUnresolvedMailFromHook");
    }

    @Test
    void limitsShouldBecomeTheirJamesSettings() throws Exception {
        Document d = parse(generate(config("[smtpgw.limits]", "MaximalIncomingMessageSize=100",
            "IncomingSessions=7", "MaximalIncomingSessionsPerIP=3", "MaximalIncomingRcptsPerMessage=2",
            "MaximalIncomingSessionSize=64", "MaximalIncomingMessagesPerSession=5", "MaximalIncomingHops=4",
            "[smtpgw.timeouts]", "ReceivingDataInitiationTimeout=2000")).file("smtpserver.xml"));

        assertThat(values(d, "//maxmessagesize")).containsExactly("100");
        assertThat(values(d, "//connectionLimit")).containsExactly("7");
        assertThat(values(d, "//connectionLimitPerIP")).containsExactly("3");
        assertThat(values(d, "//maxRcpt")).containsExactly("2");
        assertThat(values(d, "//maxBytes")).containsExactly("65536");
        assertThat(values(d, "//maxMessages")).containsExactly("5");
        assertThat(values(d, "//maxHops")).containsExactly("4");
        assertThat(values(d, "//receivingTimeouts/dataInitiation")).containsExactly("2000");
    }

    @Test
    void transportShouldRemoveBccBeforeAnyDelivery() throws Exception {
        Document d = parse(generate(config()).file("mailetcontainer.xml"));

        List<String> classes = values(d, "//processor[@state='transport']/mailet/@class");
        assertThat(classes.get(0)).isEqualTo("RemoveMimeHeader");
        assertThat(values(d, "//processor[@state='transport']/mailet[1]/name")).containsExactly("bcc");
    }

    @Test
    void everyRouteShouldGetItsOwnOutgoingQueueAndTheRestGoByMx() throws Exception {
        Document d = parse(generate(config("[smtpgw.forward]", "ForwardRoute=a.test [127.0.0.1:1025]",
            "ForwardRoute=*.b.test [relay.test:2525]", "ForwardRoute=c.test [192.0.2.1]")).file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/outgoing"))
            .containsExactly("outgoing-route-1", "outgoing-route-2", "outgoing-route-3", "outgoing");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/@match")).containsExactly(
            "org.smtpgw.matchers.RecipientDomainMatches=a.test", "org.smtpgw.matchers.RecipientDomainMatches=*.b.test",
            "org.smtpgw.matchers.RecipientDomainMatches=c.test", "All");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/gateway"))
            .containsExactly("127.0.0.1:1025", "relay.test:2525", "192.0.2.1:25");
    }

    @Test
    void routeToADomainShouldUseItsMxHostsInPreferenceOrder() throws Exception {
        GatewayConfig c = config("[smtpgw.forward]", "ForwardRoute=a.test [other.test]");
        Document withMx = parse(new JamesConfigGenerator(domain -> List.of("mx-a." + domain, "mx-b." + domain))
            .render(c).file("mailetcontainer.xml"));
        Document withoutMx = parse(generate(c).file("mailetcontainer.xml"));

        assertThat(values(withMx, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/gateway"))
            .containsExactly("mx-a.other.test:25,mx-b.other.test:25");
        assertThat(values(withoutMx, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/gateway")).containsExactly("other.test:25");
    }

    @Test
    void deliveryShouldBounceThroughDsnWithTheTemplateText() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "DSNEntireMessage=yes")).file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/bounceProcessor")).containsOnly("bounces");
        assertThat(values(d, "//processor[@state='bounces']/mailet[@class='DSNBounce']/messageString"))
            .containsExactly("Sorry from gw.test <&> \"quoted\"\n");
        assertThat(values(d, "//processor[@state='bounces']/mailet/attachment")).containsExactly("message");
        assertThat(values(d, "//processor[@state='relayed']")).isEmpty();
        assertThat(values(d, "//mailet/onSuccess")).containsOnly("delivered");
    }

    @Test
    void dsnOnRelayingShouldSendRelayedDsnOnlyWhenSuccessWasRequested() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "DSNOnRelaying=true")).file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/onSuccess")).containsOnly("delivered");
        assertThat(values(d, "//processor[@state='delivered']/mailet[@class='ToProcessor']/processor"))
            .containsExactly("relayed");
        assertThat(values(d, "//processor[@state='relayed']/mailet[@class='DSNBounce']/@match"))
            .containsExactly("DSNSuccessRequested");
        assertThat(values(d, "//processor[@state='relayed']/mailet[@class='DSNBounce']/action"))
            .containsExactly("relayed");
    }

    @Test
    void retryScheduleAndSendingTimeoutsShouldBeSetOnEveryDelivery() throws Exception {
        Document d = parse(generate(config("[smtpgw.timeouts]", "TestRetryDelays=1,1,2", "SendingInitialTimeout=7",
            "SendingQuitTimeout=1100", "WriteTimeout=9")).file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/delayTime")).containsOnly("2*1 seconds, 2 seconds");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/maxRetries")).containsOnly("3");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/connectiontimeout")).containsOnly("7000");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/timeout")).containsOnly("1100000");
    }

    @Test
    void withAnEventLogEveryDeliveryShouldLogDeliveredAndStillSendRelayedDsns() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "LogFilename=var/log/smtpgw.log", "DSNOnRelaying=yes",
            "[smtpgw.forward]", "ForwardRoute=a.test [127.0.0.1:1025]")).file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/onSuccess"))
            .containsExactly("delivered-route-1", "delivered");
        assertThat(values(d, "//processor[@state='delivered-route-1']/mailet[event='DELIVERED']/server"))
            .containsExactly("127.0.0.1:1025");
        assertThat(values(d, "//processor[@state='delivered']/mailet[event='DELIVERED']/status"))
            .containsExactly("sent");
        assertThat(values(d, "//processor[starts-with(@state,'delivered')]/mailet[@class='ToProcessor']/processor"))
            .containsOnly("relayed").hasSize(2);
        assertThat(values(d, "//processor[@state='bounces']/mailet[1]/status")).containsExactly("failed");
    }

    @Test
    void groupsShouldBeMatchedInFileOrderAndThePolicyShouldTakeTheRest() throws Exception {
        Document d = parse(generate(config("[smtpgw.group:sales]", "Recipients=*@sales.test",
            "[smtpgw.group:x]", "Senders=*@x.test")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor/@state")).containsSubsequence("root", "groups", "group-sales", "group-x",
            "group-default", "transport", "bounces");
        assertThat(values(d, "//processor[@state='groups']/mailet/@match")).containsExactly(
            "org.smtpgw.matchers.InGroup=*@*;*@sales.test", "org.smtpgw.matchers.InGroup=*@x.test;*@*", "All");
        assertThat(values(d, "//processor[@state='groups']/mailet/processor"))
            .containsExactly("group-sales", "group-x", "group-default");
        assertThat(values(d, "//processor[starts-with(@state,'group-')]/mailet[last()]/processor"))
            .containsOnly("transport");
    }

    @Test
    void aScannedGroupShouldRunThePipelineInTheDocumentedOrder() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "LogFilename=var/log/smtpgw.log",
            "[smtpgw.policy]", "BackupStatus=disinfected", "QuarantineStatus=suspicious", "BlockMessage=infected",
            "NotifyAdmin=all", "NotifySender=infected", "NotifyRecipient=infected,error",
            "NotifyAdminAttachOriginal=yes")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='group-default']/mailet/@class")).containsExactly(
            "org.smtpgw.mailets.eventlog.LogEvent", "org.smtpgw.mailets.scan.Scan",
            "org.smtpgw.mailets.eventlog.LogEvent", "org.smtpgw.mailets.objects.ActOnObjects",
            "org.smtpgw.mailets.stats.CountScanResults",
            "org.smtpgw.mailets.message.Backup", "org.smtpgw.mailets.notify.Notify",
            "org.smtpgw.mailets.notify.Notify", "org.smtpgw.mailets.notify.Notify",
            "org.smtpgw.mailets.eventlog.LogEvent", "org.smtpgw.mailets.stats.IncrementCounter",
            "org.smtpgw.mailets.message.Quarantine",
            "org.smtpgw.mailets.message.Block", "org.smtpgw.mailets.headers.VirusHeaders", "ToProcessor");
        assertThat(values(d, "//processor[@state='group-default']/mailet/event"))
            .containsExactly("SPLITTED", "SCANNED", "BLOCKED");
        assertThat(values(d, "//processor[@state='group-default']/mailet[event='BLOCKED']/@match"))
            .containsExactly("org.smtpgw.matchers.HasStatus=infected,suspicious");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.message.Backup']/repositoryUrl"))
            .containsExactly("file://var/backup/");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.message.Quarantine']/repositoryUrl"))
            .containsExactly("file://var/quarantine/");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.notify.Notify']/to"))
            .containsExactly("admin", "sender", "recipients");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.notify.Notify']/statuses"))
            .containsExactly("all", "infected", "infected,error");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.notify.Notify']/template"))
            .containsExactly("t/a", "t/s", "t/r");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.notify.Notify' and to='admin']/attachOriginal"))
            .containsExactly("true");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.objects.ActOnObjects']/actionProtected"))
            .containsExactly("remove");
        assertThat(values(d, "//processor[@state='root']/mailet/event")).containsExactly("RECEIVED");
        assertThat(values(d, "//processor[@state='transport']/mailet[event='NOTIFY']/@match"))
            .containsExactly("HasHeader=X-Smtpgw-Notification");
    }

    @Test
    void messageLevelMailetsShouldBeLeftOutWhenTheirStatusesAreEmpty() throws Exception {
        Document d = parse(generate(config()).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='group-default']/mailet/@class")).containsExactly(
            "org.smtpgw.mailets.scan.Scan", "org.smtpgw.mailets.objects.ActOnObjects",
            "org.smtpgw.mailets.stats.CountScanResults", "org.smtpgw.mailets.headers.VirusHeaders", "ToProcessor");
    }

    @Test
    void checkFalseShouldDeliverWithoutScanning() throws Exception {
        Document d = parse(generate(config("[smtpgw.group:trusted]", "Senders=*@trusted.test", "Check=no",
            "[smtpgw.options]", "AddVirusHeaders=no")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='group-trusted']/mailet/@class")).containsExactly("ToProcessor");
        assertThat(values(d, "//processor[@state='group-default']/mailet/@class"))
            .contains("org.smtpgw.mailets.scan.Scan").doesNotContain("org.smtpgw.mailets.headers.VirusHeaders");
    }

    @Test
    void theBuiltInEngineShouldGetTheDatabaseAndTheTrustedKeys() throws Exception {
        Document d = parse(generate(config("[smtpgw.ave]", "TrustedKeys=k/a.pub, /etc/k/b.pub", "ScanTimeout=0"))
            .file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/engine")).containsExactly("builtin");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/databasePath")).containsExactly("b");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/trustedKeys"))
            .containsExactly("k/a.pub,/etc/k/b.pub");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/scanTimeout")).containsExactly("0");
    }

    @Test
    void clamdShouldBeAddressedByHostAndPortOrBySocket() throws Exception {
        Document tcp = parse(generate(config("[smtpgw.ave]", "Engine=clamd", "ClamdAddress=127.0.0.1:3311"))
            .file("mailetcontainer.xml"));
        Document unix = parse(generate(config("[smtpgw.ave]", "Engine=clamd", "ClamdAddress=/run/clamav/clamd.ctl"))
            .file("mailetcontainer.xml"));

        assertThat(values(tcp, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/clamdPort")).containsExactly("3311");
        assertThat(values(tcp, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/databasePath")).isEmpty();
        assertThat(values(unix, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/clamdSocket"))
            .containsExactly("/run/clamav/clamd.ctl");
        assertThat(values(unix, "//mailet[@class='org.smtpgw.mailets.scan.Scan']/clamdHost")).isEmpty();
    }

    @Test
    void anIncludeMaskOfJustAStarShouldFilterNothing() throws Exception {
        Document d = parse(generate(config("[smtpgw.policy]", "IncludeByName=*", "IncludeByMime=*",
            "[smtpgw.group:exe]", "Recipients=*@exe.test", "IncludeByName=*.exe,*.com", "ExcludeByName=ok.exe"))
            .file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='group-default']/mailet/includeByName")).isEmpty();
        assertThat(values(d, "//processor[@state='group-default']/mailet/includeByMime")).isEmpty();
        assertThat(values(d, "//processor[@state='group-exe']/mailet/includeByName")).containsExactly("*.exe,*.com");
        assertThat(values(d, "//processor[@state='group-exe']/mailet/excludeByName")).containsExactly("ok.exe");
    }

    @Test
    void archivesShouldBeStoredWithoutStoppingTheMail() throws Exception {
        Document d = parse(generate(config("[smtpgw.path]", "IncomingArchivePath=var/in",
            "OutgoingArchivePath=file:///srv/out")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='root']/mailet[@class='ToRepository']/repositoryPath"))
            .containsExactly("file://var/in/");
        assertThat(values(d, "//processor[@state='transport']/mailet[@class='ToRepository']/repositoryPath"))
            .containsExactly("file:///srv/out/");
        assertThat(values(d, "//mailet[@class='ToRepository' and repositoryPath!='file://var/mail/error/']/passThrough"))
            .containsOnly("true");
    }

    @Test
    void prependReceivedFalseShouldRemoveOurReceivedHeaderAfterTheReceivedEventAndTheIncomingArchive()
        throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "LogFilename=var/log/smtpgw.log",
            "PrependReceived=no", "[smtpgw.path]", "IncomingArchivePath=var/in")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='root']/mailet/@class")).containsExactly(
            "org.smtpgw.mailets.stats.CountMessages", "ToProcessor",
            "org.smtpgw.mailets.eventlog.LogEvent", "ToRepository", "org.smtpgw.mailets.stats.IncrementCounter",
            "RemoveMailAttribute", "org.smtpgw.mailets.headers.RemoveOwnReceived", "ToProcessor");
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.headers.RemoveOwnReceived']/hostname"))
            .containsExactly("gw.test");
    }

    @Test
    void malformedMailShouldBeCountedButDeliveredWhenDropMalformedMailIsFalse() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "LogFilename=var/log/smtpgw.log",
            "DropMalformedMail=false")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='root']/mailet[@match='IsMalformedReceived']/counter"))
            .containsExactly("mta_malformed_messages_received");
        assertThat(values(d, "//processor[@state='root']/matcher[@name='IsMalformedReceived']/@match"))
            .containsExactly("org.apache.james.mailetcontainer.impl.matchers.And");
        assertThat(values(d, "//processor[@state='root']/matcher[@name='IsMalformedReceived']/matcher/@notmatch"))
            .as("the gateway's own DSNs are not checked").containsExactly("HasMailAttribute=smtpgwGeneratedDsn");
        assertThat(values(d, "//processor[@state='root']/matcher[@name='IsMalformedReceived']/matcher/@match"))
            .containsExactly("org.smtpgw.matchers.IsMalformed=all");
        assertThat(values(d, "//mailet[@match='HasMailAttribute=smtpgwMalformed']/@class")).isEmpty();
    }

    @Test
    void malformedMailShouldBeLoggedAsBlockedAndKeptWhenDropMalformedMailIsTrue() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "LogFilename=var/log/smtpgw.log",
            "DropMailformedMail=true", "[smtpgw.path]", "IncomingArchivePath=var/in")).file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='root']/mailet/@class")).containsExactly(
            "org.smtpgw.mailets.stats.CountMessages", "ToProcessor",
            "org.smtpgw.mailets.eventlog.LogEvent", "ToRepository", "org.smtpgw.mailets.stats.IncrementCounter",
            "org.smtpgw.mailets.eventlog.LogEvent", "ToRepository", "RemoveMailAttribute", "ToProcessor");
        assertThat(values(d, "//processor[@state='root']/mailet[@match='HasMailAttribute=smtpgwMalformed']/event"))
            .containsExactly("BLOCKED");
        assertThat(values(d, "//processor[@state='root']/mailet[@match='HasMailAttribute=smtpgwMalformed'"
            + " and @class='ToRepository']/*/text()")).containsExactly("file://var/mail/malformed/", "false");
    }

    @Test
    void prependReceivedTrueShouldKeepOurReceivedHeader() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "PrependReceived=yes")).file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.headers.RemoveOwnReceived']")).isEmpty();
    }

    @Test
    void everyProcessorNamedInTheContainerShouldExistAndEveryQueueBeDistinct() throws Exception {
        Document d = parse(generate(config("[smtpgw.options]", "DSNOnRelaying=yes", "[smtpgw.forward]",
            "ForwardRoute=a.test [127.0.0.1:1025]", "ForwardRoute=b.test [127.0.0.1:1026]",
            "[smtpgw.group:g]", "Senders=*@g.test")).file("mailetcontainer.xml"));

        List<String> states = values(d, "//processor/@state");
        List<String> named = new ArrayList<>(values(d, "//mailet/processor"));
        named.addAll(values(d, "//mailet/bounceProcessor"));
        named.addAll(values(d, "//mailet/onSuccess"));
        assertThat(states).containsAll(named).doesNotHaveDuplicates();
        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/outgoing")).doesNotHaveDuplicates()
            .doesNotContain("spool");
    }

    @Test
    void adminPortsShouldBeBoundToLoopback() {
        GeneratedConfiguration g = generate(config("[smtpgw.admin]", "WebAdminPort=0", "JmxPort=12345", "JmxEnabled=no"));

        assertThat(g.file("webadmin.properties")).contains("host=127.0.0.1\n").contains("port=0\n");
        assertThat(g.file("jmx.properties")).contains("jmx.enabled=false\n").contains("jmx.address=127.0.0.1\n")
            .contains("jmx.port=12345\n");
    }

    @Test
    void writeToShouldWriteEveryFile(@TempDir Path dir) throws Exception {
        GeneratedConfiguration g = generate(config());

        g.writeTo(dir.resolve("conf"));

        for (String name : g.files().keySet()) {
            assertThat(dir.resolve("conf").resolve(name)).hasContent(g.file(name));
        }
    }
}
