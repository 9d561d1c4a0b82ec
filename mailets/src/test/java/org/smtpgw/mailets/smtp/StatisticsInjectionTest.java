package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.stats.CountMessages;
import org.smtpgw.mailets.stats.CountScanResults;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.IncrementCounter;
import org.smtpgw.mailets.stats.WriteAvStatistics;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * James creates mailets and SMTP handlers in a child injector of the server's; the server side (WebAdmin route,
 * gauges) asks the server's injector. All must meet the same {@link GatewayStatistics}, or the counts are lost.
 */
class StatisticsInjectionTest {
    private final Injector server = Guice.createInjector();
    private final Injector extensions = server.createChildInjector();

    @Test
    void mailetsAndHooksCreatedForExtensionsCountIntoTheServersStatistics() throws Exception {
        CountMessages count = extensions.getInstance(CountMessages.class);
        count.init(FakeMailetConfig.builder().mailetName("CountMessages")
            .setProperty(CountMessages.DIRECTION, CountMessages.RECEIVED).build());
        AccessRulesHook rules = extensions.getInstance(AccessRulesHook.class);
        rules.init(new BaseHierarchicalConfiguration());

        count.service(FakeMail.builder().name("m").sender("a@example.org").recipient("b@example.com").build());
        rules.doRcpt(TestSessions.fromClient("192.0.2.1"), MaybeSender.nullSender(), new MailAddress("b@example.com"));

        GatewayStatistics statistics = server.getInstance(GatewayStatistics.class);
        assertThat(statistics.get(Counter.MTA_RECEIVED_MESSAGES)).isEqualTo(1);
        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_REFUSED_FOR_RELAYING)).isEqualTo(1);
    }

    @Test
    void everyStatisticsMailetAndCountingHookIsCreatedByGuice() {
        for (Class<?> type : new Class<?>[] {CountMessages.class, CountScanResults.class, IncrementCounter.class,
            WriteAvStatistics.class, AccessRulesHook.class, SessionSizeHook.class, HopLimitHook.class,
            MessagesPerSessionHook.class, MessageSizeRefusalCounter.class}) {
            assertThat(extensions.getInstance(type)).as(type.getSimpleName()).isInstanceOf(type);
        }
    }
}
