package org.smtpgw.conf.model;

/** {@code [smtpgw.limits]}; sizes in KB as written in the file. */
public record Limits(int antiviralSessions, int incomingSessions, int outgoingSessions, int maximalIncomingHops,
                     int maximalIncomingMessageSizeKb, int maximalIncomingMessagesPerSession,
                     int maximalIncomingRcptsPerMessage, int maximalIncomingSessionSizeKb,
                     int maximalIncomingSessionsPerIp, int maximalOutgoingSessionsPerHost) {
}
