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
import org.smtpgw.conf.model.AvStatisticsTarget;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Where the statistics mailets and the AVStatistics writer go in the generated configuration. */
class StatisticsGenerationTest {
    private static final String STATS = "org.smtpgw.mailets.stats.";

    @TempDir
    Path home;

    @BeforeEach
    void template() throws Exception {
        Files.createDirectories(home.resolve("t"));
        Files.writeString(home.resolve("t/dsn.txt"), "Sorry from [machine]\n");
    }

    private GeneratedConfiguration generate(String... extraLines) {
        List<String> lines = new ArrayList<>(List.of(
            "[path]", "BasesPath=b", "LicensePath=l",
            "[smtpgw.network]", "Hostname=gw.test", "Postmaster=pm@gw.test", "ProtectedDomains=any",
            "ListenOn=127.0.0.1:2525", "ForwardRoute=example.com [127.0.0.1:2626]",
            "[smtpgw.options]", "DSNTemplate=t/dsn.txt",
            "[smtpgw.path]", "QueuePath=q", "ControlPath=c",
            "[smtpgw.policy]", "Check=1", "AdminNotifyAddress=a@gw.test", "NotifyFromAddress=n@gw.test",
            "BackupPath=var/backup", "QuarantinePath=var/quarantine", "NotifyAdminTemplate=t/a",
            "NotifyRecipientTemplate=t/r", "NotifySenderTemplate=t/s", "PlaceholderTemplate=t/p",
            "ActionDisinfected=cure", "ActionInfected=remove", "ActionSuspicious=remove", "ActionProtected=remove",
            "ActionError=remove", "ActionFiltered=remove", "QuarantineStatus=suspicious", "BlockMessage=infected"));
        lines.addAll(List.of(extraLines));
        org.smtpgw.conf.LoadResult result = ConfigLoader.check(Path.of("smtpgw.conf"), lines, home);
        assertThat(result.errors()).isEmpty();
        return new JamesConfigGenerator(MxLookup.NONE).render(result.config().orElseThrow());
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

    @Test
    void rootCountsEveryMailAsReceivedFirstExceptTheGatewaysOwnDsns() throws Exception {
        Document d = parse(generate().file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='root']/mailet[1]/@class")).containsExactly(STATS + "CountMessages");
        assertThat(values(d, "//processor[@state='root']/mailet[1]/@notmatch"))
            .containsExactly("HasMailAttribute=smtpgwGeneratedDsn");
        assertThat(values(d, "//processor[@state='root']/mailet[1]/direction")).containsExactly("received");
    }

    @Test
    void everyDeliveryCountsItsDeliveredCopiesAsSentAlsoWithoutAnEventLog() throws Exception {
        Document d = parse(generate().file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='org.smtpgw.mailets.delivery.GatewayRemoteDelivery']/onSuccess"))
            .containsExactly("delivered-route-1", "delivered");
        for (String state : List.of("delivered-route-1", "delivered")) {
            assertThat(values(d, "//processor[@state='" + state + "']/mailet[1][@class='" + STATS
                + "CountMessages']/direction")).as(state).containsExactly("sent");
        }
    }

    @Test
    void eachScannedGroupCountsItsCopyOnceAfterActOnObjectsAndItsBlockedCopies() throws Exception {
        Document d = parse(generate("[smtpgw.group:partners]", "Senders=*@partner.test").file("mailetcontainer.xml"));

        for (String group : List.of("group-partners", "group-default")) {
            List<String> classes = values(d, "//processor[@state='" + group + "']/mailet/@class");
            assertThat(classes).as(group).containsOnlyOnce(STATS + "CountScanResults");
            assertThat(classes.indexOf(STATS + "CountScanResults"))
                .isEqualTo(classes.indexOf("org.smtpgw.mailets.objects.ActOnObjects") + 1);
            assertThat(classes.indexOf(STATS + "IncrementCounter"))
                .isLessThan(classes.indexOf("org.smtpgw.mailets.message.Quarantine"));
        }
        assertThat(values(d, "//processor[@state='group-default']/mailet[counter='antiviral_checked_messages_blocked']/@match"))
            .containsExactly("org.smtpgw.matchers.HasStatus=infected,suspicious");
        assertThat(values(d, "//mailet[@class='" + STATS + "WriteAvStatistics']")).isEmpty();
    }

    @Test
    void unscannedGroupsCountNoScanResults() throws Exception {
        Document d = parse(generate("[smtpgw.group:trusted]", "Senders=*@trusted.test", "Check=no")
            .file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='group-trusted']/mailet/@class"))
            .doesNotContain(STATS + "CountScanResults", STATS + "IncrementCounter");
    }

    @Test
    void notificationsAndRoutingQueriesAreCountedInTransportBeforeAnyDelivery() throws Exception {
        Document d = parse(generate().file("mailetcontainer.xml"));

        List<String> classes = values(d, "//processor[@state='transport']/mailet/@class");
        assertThat(values(d, "//processor[@state='transport']/mailet[@class='" + STATS + "IncrementCounter']/@match"))
            .containsExactly("HasHeader=X-Smtpgw-Notification=admin", "HasHeader=X-Smtpgw-Notification=sender",
                "HasHeader=X-Smtpgw-Notification=recipients", "All");
        assertThat(values(d, "//processor[@state='transport']/mailet[@class='" + STATS + "IncrementCounter']/counter"))
            .containsExactly("antiviral_notifications_generated_for_admin",
                "antiviral_notifications_generated_for_sender", "antiviral_notifications_generated_for_recipients",
                "mta_routing_queries_total");
        assertThat(classes.lastIndexOf(STATS + "IncrementCounter")).isLessThan(classes.indexOf("org.smtpgw.mailets.delivery.GatewayRemoteDelivery"));
    }

    @Test
    void bouncesCountTheDsnsTheyMakeAndMarkThemForRoot() throws Exception {
        Document d = parse(generate("[smtpgw.options]", "DSNOnRelaying=yes").file("mailetcontainer.xml"));

        assertThat(values(d, "//processor[@state='bounces']/mailet/@class")).containsSubsequence(
            STATS + "IncrementCounter", "SetMailAttribute", "DSNBounce");
        assertThat(values(d, "//processor[@state='bounces']/mailet[@class='" + STATS + "IncrementCounter']/@notmatch"))
            .containsExactly("SenderIsNull");
        assertThat(values(d, "//processor[@state='bounces']/mailet[@class='SetMailAttribute']/smtpgwGeneratedDsn"))
            .containsExactly("true");
        assertThat(values(d, "//processor[@state='relayed']/mailet/@class")).containsExactly(
            "Null", STATS + "IncrementCounter", "SetMailAttribute", "DSNBounce", "Null");
        assertThat(values(d, "//processor[@state='relayed']/mailet[1]/@match")).containsExactly("SenderIsNull");
        assertThat(values(d, "//mailet[@class='" + STATS + "IncrementCounter' and @match='DSNSuccessRequested']/counter"))
            .containsExactly("mta_dsn_messages_generated");
    }

    @Test
    void avStatisticsToHostPortWritesToTheSocketAfterEachScan() throws Exception {
        Document d = parse(generate("[smtpgw.options]", "AVStatistics=127.0.0.1:7777").file("mailetcontainer.xml"));

        List<String> classes = values(d, "//processor[@state='group-default']/mailet/@class");
        assertThat(classes.indexOf(STATS + "WriteAvStatistics")).isGreaterThan(classes.indexOf("org.smtpgw.mailets.scan.Scan"))
            .isLessThan(classes.indexOf("org.smtpgw.mailets.objects.ActOnObjects"));
        assertThat(values(d, "//mailet[@class='" + STATS + "WriteAvStatistics']/socket")).containsExactly("127.0.0.1:7777");
        assertThat(values(d, "//mailet[@class='" + STATS + "WriteAvStatistics']/file")).isEmpty();
    }

    @Test
    void avStatisticsToAnythingElseAppendsToThatFileRelativeToTheHome() throws Exception {
        Document d = parse(generate("[smtpgw.options]", "AVStatistics=var/log/avstat.log").file("mailetcontainer.xml"));

        assertThat(values(d, "//mailet[@class='" + STATS + "WriteAvStatistics']/file")).containsExactly("var/log/avstat.log");
        assertThat(values(d, "//mailet[@class='" + STATS + "WriteAvStatistics']/socket")).isEmpty();
    }

    @Test
    void theSmtpServerCountsRefusalsOfJamesSizeLimit() throws Exception {
        Document d = parse(generate().file("smtpserver.xml"));

        assertThat(values(d, "//handlerchain/handler/@class"))
            .containsOnlyOnce("org.smtpgw.mailets.smtp.MessageSizeRefusalCounter");
    }

    @Test
    void avStatisticsValueIsASocketOnlyInTheHostPortForm() {
        assertThat(AvStatisticsTarget.isSocket("127.0.0.1:7777")).isTrue();
        assertThat(AvStatisticsTarget.isSocket("stats.example.com:7777")).isTrue();
        assertThat(AvStatisticsTarget.isSocket("var/log/avstat.log")).isFalse();
        assertThat(AvStatisticsTarget.isSocket("./stats:7777")).isFalse();
        assertThat(AvStatisticsTarget.isSocket("/var/log/stats:7777")).isFalse();
    }
}
