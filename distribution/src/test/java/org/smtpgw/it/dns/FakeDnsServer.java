package org.smtpgw.it.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS server on a loopback UDP port, answering from records the test gives it and remembering every question.
 * It stands for the DNS servers of the Internet, which lie outside the gateway. A name without records gets
 * NXDOMAIN and a name with records of other types an empty NOERROR answer, both with an SOA in the authority
 * section, as real servers send, so that resolvers may cache them (RFC 2308).
 */
public final class FakeDnsServer implements AutoCloseable {

    /** One question received: the name (absolute, lower case, with its final dot) and the type's mnemonic. */
    public record Query(String name, String type) {
    }

    private static final long TTL = 3600;

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** Starts a server on a free loopback UDP port. */
    public static FakeDnsServer start() throws SocketException {
        return new FakeDnsServer();
    }

    public FakeDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "fake-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:port}, as DnsServers takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public FakeDnsServer ptr(String address, String hostName) throws IOException {
        Name reverse = ReverseMap.fromAddress(address);
        return add(new PTRRecord(reverse, DClass.IN, TTL, absolute(hostName)));
    }

    public FakeDnsServer a(String hostName, String address) throws IOException {
        return add(new ARecord(absolute(hostName), DClass.IN, TTL, InetAddress.getByName(address)));
    }

    public FakeDnsServer mx(String domain, String exchanger) throws TextParseException {
        return mx(domain, 10, exchanger);
    }

    public FakeDnsServer mx(String domain, int priority, String exchanger) throws TextParseException {
        return add(new MXRecord(absolute(domain), DClass.IN, TTL, priority, absolute(exchanger)));
    }

    private FakeDnsServer add(Record record) {
        records.computeIfAbsent(record.getName(), name -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    public List<Query> queries() {
        return List.copyOf(queries);
    }

    /** The questions received for {@code name} (given with or without its final dot), any type. */
    public List<Query> queriesFor(String name) {
        String wanted = name.toLowerCase(java.util.Locale.ROOT).endsWith(".") ? name.toLowerCase(java.util.Locale.ROOT)
            : name.toLowerCase(java.util.Locale.ROOT) + ".";
        return queries.stream().filter(q -> q.name().equals(wanted)).toList();
    }

    /** How many questions of {@code type} (a {@link Type} value) were received for {@code name}. */
    public long queries(String name, int type) {
        return queriesFor(name).stream().filter(q -> q.type().equals(Type.string(type))).count();
    }

    public static String reverseName(String address) throws IOException {
        return ReverseMap.fromAddress(address).toString();
    }

    private static Name absolute(String name) throws TextParseException {
        return Name.fromString(name, Name.root);
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                // a malformed question: ignore it, as a DNS server would
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        queries.add(new Query(question.getName().toString().toLowerCase(java.util.Locale.ROOT),
            Type.string(question.getType())));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        List<Record> known = records.get(question.getName());
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            known.stream()
                .filter(r -> r.getType() == question.getType() || question.getType() == Type.ANY)
                .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            // a negative answer carries the zone's SOA, whose minimum is how long resolvers may cache it (RFC 2308)
            response.addRecord(new SOARecord(question.getName(), DClass.IN, TTL, question.getName(),
                question.getName(), 1, 3600, 600, 86400, TTL), Section.AUTHORITY);
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
