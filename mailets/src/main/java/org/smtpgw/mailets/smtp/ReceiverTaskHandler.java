package org.smtpgw.mailets.smtp;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.stats.GatewayStatistics;

/**
 * The receiver task switch ({@code smtpgwctl recv-off} / {@code recv-on}, management files {@code .c_recv_off} /
 * {@code .c_recv_on}): while the receiver is stopped in {@link GatewayTasks}, a new SMTP connection is answered
 * {@code 421 4.3.2} and closed, so clients keep their mail and try again later; nothing is lost.
 *
 * <p><b>Sessions already open</b> when the receiver stops finish the transaction they are in; their next
 * {@code MAIL FROM} is answered {@code 421 4.3.2} and the connection closed, so no new message comes in.
 *
 * <p>It must come before James' {@code CoreCmdHandlerLoader} in the handler chain: James runs every connect handler
 * and writes each answer, so the refusal has to be written, and the connection closed, before James' greeting
 * handler writes its 220 (which then goes nowhere).
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.ReceiverTaskHandler"/>
 * }</pre>
 *
 * <p>No parameters. The state comes from the server's {@link GatewayTasks} (a Guice singleton), so this handler
 * needs a server that binds it (the bundled server does; a drop-in installation gets it through Guice's
 * just-in-time binding).
 */
public class ReceiverTaskHandler implements ConnectHandler<SMTPSession>, MailHook {
    static final String REFUSED_CODE = "421";
    static final String REFUSED_TEXT = "4.3.2 Service not available, not accepting mail now; try again later";

    /**
     * The answer while the receiver runs: nothing to write. Not {@code null}: James' connection statistics (the JMX
     * monitor of connect handlers) dereference every connect handler's answer.
     */
    static final Response NOTHING = new Response() {
        @Override
        public String getRetCode() {
            return "";
        }

        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    };

    private final GatewayTasks tasks;

    @Inject
    public ReceiverTaskHandler(GatewayTasks tasks) {
        this.tasks = tasks;
    }

    /** With task states of its own (always running unless switched here): for use without Guice. */
    public ReceiverTaskHandler() {
        this(new GatewayTasks(new GatewayStatistics()));
    }

    @Override
    public Response onConnect(SMTPSession session) {
        if (tasks.isRunning(Task.RECEIVER)) {
            return NOTHING;
        }
        SMTPResponse response = new SMTPResponse(REFUSED_CODE, session.getConfiguration().getHelloName() + " "
            + REFUSED_TEXT);
        response.setEndSession(true);
        return response;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (tasks.isRunning(Task.RECEIVER)) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
            .smtpReturnCode(REFUSED_CODE)
            .smtpDescription(REFUSED_TEXT)
            .build();
    }
}
