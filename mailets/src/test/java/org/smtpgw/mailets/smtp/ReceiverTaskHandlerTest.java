package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.stats.GatewayStatistics;

class ReceiverTaskHandlerTest {
    private final GatewayTasks tasks = new GatewayTasks(new GatewayStatistics());
    private final ReceiverTaskHandler handler = new ReceiverTaskHandler(tasks);
    private final SMTPSession session = TestSessions.fromClient("127.0.0.1");

    @Test
    void connectionIsLeftToTheGreetingWhileTheReceiverRuns() {
        Response response = handler.onConnect(session);
        assertThat(response.getLines()).isEmpty();
        assertThat(response.isEndSession()).isFalse();
        assertThat(handler.doMail(session, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void newConnectionGets421AndIsClosedWhileTheReceiverIsStopped() {
        tasks.stop(Task.RECEIVER);

        Response response = handler.onConnect(session);

        assertThat(response.getRetCode()).isEqualTo("421");
        assertThat(response.getLines().get(0).toString()).startsWith("421 ").contains("4.3.2");
        assertThat(response.isEndSession()).isTrue();
    }

    @Test
    void mailFromInAnOpenSessionGets421AndDisconnectsWhileTheReceiverIsStopped() {
        tasks.stop(Task.RECEIVER);

        HookResult result = handler.doMail(session, MaybeSender.nullSender());

        assertThat(result.getSmtpRetCode()).isEqualTo("421");
        assertThat(result.getSmtpDescription()).startsWith("4.3.2");
        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
    }

    @Test
    void receiverStartedAgainGreetsNewConnections() {
        tasks.stop(Task.RECEIVER);
        tasks.start(Task.RECEIVER);

        assertThat(handler.onConnect(session).getLines()).isEmpty();
    }
}
