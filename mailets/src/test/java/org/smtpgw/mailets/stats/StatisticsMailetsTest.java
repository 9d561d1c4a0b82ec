package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.eventlog.TestMails;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

/** The mailets that count mail flow into {@link GatewayStatistics}. */
class StatisticsMailetsTest {
    private final GatewayStatistics statistics = new GatewayStatistics();

    @Test
    void countScanResultsCountsMessagesAndObjectsByStatus() throws Exception {
        CountScanResults mailet = new CountScanResults(statistics);
        mailet.init(FakeMailetConfig.builder().mailetName("CountScanResults").build());
        Mail mail = scanned(TestMails.mail("Mail1").build(), "policy",
            object("1", ObjectStatus.CLEAN), object("2", ObjectStatus.INFECTED, "EICAR"),
            object("3", ObjectStatus.INFECTED, "EICAR"), object("4", ObjectStatus.SUSPICIOUS),
            object("5", ObjectStatus.PROTECTED), object("6", ObjectStatus.ERROR), object("7", ObjectStatus.FILTERED));
        VerdictAttributes.storeOriginal(mail, "original".getBytes());

        mailet.service(mail);
        mailet.service(TestMails.mail("Unscanned").build());

        assertThat(statistics.snapshot())
            .containsEntry("antiviral_checked_messages_total", 1L)
            .containsEntry("antiviral_checked_messages_modified", 1L)
            .containsEntry("antiviral_checked_objects_total", 7L)
            .containsEntry("antiviral_checked_objects_infected", 2L)
            .containsEntry("antiviral_infected_objects", 2L)
            .containsEntry("antiviral_checked_objects_suspicious_objects", 1L)
            .containsEntry("antiviral_checked_objects_protected_objects", 1L)
            .containsEntry("antiviral_check_checked_objects_error", 1L)
            .containsEntry("antiviral_checked_objects_filtered_objects", 1L)
            .containsEntry("antiviral_checked_objects_disinfected_objects", 0L);
    }

    @Test
    void countScanResultsDoesNotCountAnUnmodifiedMessageAsModified() throws Exception {
        CountScanResults mailet = new CountScanResults(statistics);
        mailet.init(FakeMailetConfig.builder().mailetName("CountScanResults").build());

        mailet.service(scanned(TestMails.mail("Mail1").build(), "policy", object("1", ObjectStatus.DISINFECTED)));

        assertThat(statistics.get(Counter.CHECKED_MESSAGES_TOTAL)).isEqualTo(1);
        assertThat(statistics.get(Counter.CHECKED_OBJECTS_DISINFECTED)).isEqualTo(1);
        assertThat(statistics.get(Counter.CHECKED_MESSAGES_MODIFIED)).isZero();
    }

    @Test
    void countScanResultsLetsAMailWithAnUnreadableVerdictGoOnUncounted() throws Exception {
        CountScanResults mailet = new CountScanResults(statistics);
        mailet.init(FakeMailetConfig.builder().mailetName("CountScanResults").build());
        Mail mail = TestMails.mail("Mail1").state("group-default").build();
        mail.setAttribute(new org.apache.mailet.Attribute(VerdictAttributes.OBJECTS,
            org.apache.mailet.AttributeValue.of("not a list")));

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("group-default");
        assertThat(statistics.get(Counter.CHECKED_MESSAGES_TOTAL)).isZero();
    }

    @Test
    void countMessagesAddsMailsBytesAndRecipients() throws Exception {
        CountMessages received = new CountMessages(statistics);
        received.init(FakeMailetConfig.builder().mailetName("CountMessages")
            .setProperty(CountMessages.DIRECTION, "received").build());
        CountMessages sent = new CountMessages(statistics);
        sent.init(FakeMailetConfig.builder().mailetName("CountMessages")
            .setProperty(CountMessages.DIRECTION, "sent").build());
        Mail mail = TestMails.mail("Mail1").size(2048).build();

        received.service(mail);
        received.service(mail);
        sent.service(mail);

        assertThat(statistics.get(Counter.MTA_RECEIVED_MESSAGES)).isEqualTo(2);
        assertThat(statistics.get(Counter.MTA_RECEIVED_BYTES)).isEqualTo(4096);
        assertThat(statistics.get(Counter.MTA_RECEIVED_RECIPIENTS)).isEqualTo(4);
        assertThat(statistics.get(Counter.MTA_SENT_MESSAGES)).isEqualTo(1);
        assertThat(statistics.get(Counter.MTA_SENT_BYTES)).isEqualTo(2048);
        assertThat(statistics.get(Counter.MTA_SENT_RECIPIENTS)).isEqualTo(2);
    }

    @Test
    void countMessagesRequiresADirection() {
        assertThatThrownBy(() -> new CountMessages(statistics).init(FakeMailetConfig.builder()
            .mailetName("CountMessages").setProperty(CountMessages.DIRECTION, "both").build()))
            .hasMessageContaining("parameter direction <direction>both</direction> is not allowed");
    }

    @Test
    void incrementCounterAddsOnePerMailToTheNamedCounter() throws Exception {
        IncrementCounter mailet = new IncrementCounter(statistics);
        mailet.init(FakeMailetConfig.builder().mailetName("IncrementCounter")
            .setProperty(IncrementCounter.COUNTER, "antiviral_notifications_generated_for_admin").build());

        mailet.service(TestMails.mail("Mail1").build());
        mailet.service(TestMails.mail("Mail2").build());

        assertThat(statistics.get(Counter.NOTIFICATIONS_ADMIN)).isEqualTo(2);
        assertThat(statistics.get(Counter.NOTIFICATIONS_SENDER)).isZero();
    }

    @Test
    void incrementCounterRefusesAnUnknownCounterListingTheKnownOnes() {
        assertThatThrownBy(() -> new IncrementCounter(statistics).init(FakeMailetConfig.builder()
            .mailetName("IncrementCounter").setProperty(IncrementCounter.COUNTER, "mta_bogus").build()))
            .hasMessageContaining("IncrementCounter: parameter counter <counter>mta_bogus</counter> is not a counter;"
                + " expected one of mta_received_messages");
    }
}
