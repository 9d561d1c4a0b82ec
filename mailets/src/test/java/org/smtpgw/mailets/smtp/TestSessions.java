package org.smtpgw.mailets.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;

/**
 * Real James SMTP sessions (SMTPSessionImpl, with its connection and transaction state) over a transport that
 * only knows the peer addresses: the network is outside what these unit tests look at.
 */
final class TestSessions {
    private TestSessions() {
    }

    static SMTPSession fromClient(String ip) {
        return fromClient(ip, new SMTPConfigurationImpl());
    }

    static SMTPSession fromClient(String ip, org.apache.james.protocols.smtp.SMTPConfiguration configuration) {
        try {
            InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(ip), 40000);
            InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 25);
            return new SMTPSessionImpl(new AddressOnlyTransport(remote, local), configuration);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    private record AddressOnlyTransport(InetSocketAddress remote, InetSocketAddress local) implements ProtocolTransport {
        @Override
        public InetSocketAddress getRemoteAddress() {
            return remote;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return local;
        }

        @Override
        public String getId() {
            return "test-session";
        }

        @Override
        public boolean isTLSStarted() {
            return false;
        }

        @Override
        public boolean isStartTLSSupported() {
            return false;
        }

        @Override
        public Optional<SSLSession> getSSLSession() {
            return Optional.empty();
        }

        @Override
        public boolean isProxyRequired() {
            return false;
        }

        @Override
        public void writeResponse(Response response, ProtocolSession session) {
            throw new UnsupportedOperationException("hooks return results; they never write to the client");
        }

        @Override
        public void popLineHandler() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pushLineHandler(LineHandler<? extends ProtocolSession> overrideCommandHandler, ProtocolSession session) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setReadable(boolean readable) {
        }

        @Override
        public boolean isReadable() {
            return true;
        }
    }
}
