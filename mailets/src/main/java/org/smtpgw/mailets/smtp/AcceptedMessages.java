package org.smtpgw.mailets.smtp;

import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.smtpserver.JamesMessageHook;

/**
 * Tells, from inside a {@code HookResultHook}, whether a hook result means "the message of this transaction was
 * accepted". At the end of DATA, James runs the message hooks in order and the first result that is not
 * DECLINED is the answer; James' own SendMailHandler, last in the chain, answers OK once the mail is spooled.
 * So an OK from a message hook is the 250 the client receives, and nothing else is.
 */
final class AcceptedMessages {
    private AcceptedMessages() {
    }

    static boolean isAcceptance(HookResult result, Hook hook) {
        return (hook instanceof MessageHook || hook instanceof JamesMessageHook)
            && result.getResult().getAction() == HookReturnCode.Action.OK;
    }
}
