package org.smtpgw.scanner.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A deterministic corpus of mail: each message has a text body, and may carry base64 attachments (binary
 * "documents") and a zip of text and binary files. {@link #objects()} are the leaf objects an engine sees after
 * MIME decoding and unpacking (bodies, decoded attachments, zip entries); {@link #messages()} are the RFC 5322
 * messages that carry them.
 *
 * <p>About one object in {@value #PLANT_BODY_EVERY} carries a body signature and one in
 * {@value #PLANT_HASH_EVERY} is known by its MD5 (see {@link #plantedHashes()}), so both engines have
 * something to find and their verdicts can be compared.
 */
final class MailCorpus {
    static final int PLANT_BODY_EVERY = 37;
    static final int PLANT_HASH_EVERY = 41;

    /** One leaf object. */
    record CorpusObject(String kind, byte[] content, String expectedSignature) {
    }

    private final List<CorpusObject> objects;
    private final List<byte[]> messages;
    private final List<SyntheticDatabase.HashSignature> plantedHashes;

    private MailCorpus(List<CorpusObject> objects, List<byte[]> messages,
                       List<SyntheticDatabase.HashSignature> plantedHashes) {
        this.objects = objects;
        this.messages = messages;
        this.plantedHashes = plantedHashes;
    }

    List<CorpusObject> objects() {
        return objects;
    }

    List<byte[]> messages() {
        return messages;
    }

    List<SyntheticDatabase.HashSignature> plantedHashes() {
        return plantedHashes;
    }

    long objectBytes() {
        return objects.stream().mapToLong(o -> o.content().length).sum();
    }

    long messageBytes() {
        return messages.stream().mapToLong(m -> m.length).sum();
    }

    /**
     * Generates messages until their leaf objects add up to {@code targetObjectBytes}.
     *
     * @param keepMessages whether to keep the encoded messages (they take about 1.4 times the object bytes)
     */
    static MailCorpus generate(long targetObjectBytes, long seed, SyntheticDatabase database, boolean keepMessages)
        throws IOException {
        Random random = new Random(seed);
        List<CorpusObject> objects = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        List<SyntheticDatabase.HashSignature> planted = new ArrayList<>();
        Planter planter = new Planter(random, database, objects, planted);
        long total = 0;
        for (int n = 0; total < targetObjectBytes; n++) {
            Message message = new Message(n, random);
            byte[] body = planter.next("text body", Vocabulary.text(random, logUniform(random, 1_000, 60_000))
                .getBytes(StandardCharsets.US_ASCII));
            message.text(body);
            total += body.length;
            int attachments = random.nextInt(100) < 35 ? 1 + random.nextInt(2) : 0;
            for (int a = 0; a < attachments; a++) {
                byte[] attachment = planter.next("attachment", binary(random, logUniform(random, 10_000, 1_000_000)));
                message.attachment("application/octet-stream", "doc" + a + ".bin", attachment);
                total += attachment.length;
            }
            if (random.nextInt(100) < 20) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
                    for (int e = 1 + random.nextInt(4); e > 0; e--) {
                        byte[] entry = random.nextBoolean()
                            ? planter.next("zip entry", Vocabulary.text(random, logUniform(random, 2_000, 200_000))
                                .getBytes(StandardCharsets.US_ASCII))
                            : planter.next("zip entry", binary(random, logUniform(random, 5_000, 400_000)));
                        zip.putNextEntry(new ZipEntry("file" + e + ".dat"));
                        zip.write(entry);
                        zip.closeEntry();
                        total += entry.length;
                    }
                }
                message.attachment("application/zip", "archive.zip", zipped.toByteArray());
            }
            if (keepMessages) {
                messages.add(message.toBytes());
            }
        }
        return new MailCorpus(List.copyOf(objects), List.copyOf(messages), List.copyOf(planted));
    }

    /** Binary content in blocks: random (compressed data), near-zero (padding, tables) and strings. */
    static byte[] binary(Random random, int size) {
        byte[] content = new byte[size];
        int at = 0;
        while (at < size) {
            int block = Math.min(size - at, 512 + random.nextInt(8192));
            int kind = random.nextInt(10);
            if (kind < 5) {
                byte[] noise = SyntheticDatabase.randomBytes(random, block);
                System.arraycopy(noise, 0, content, at, block);
            } else if (kind < 8) {
                for (int i = 0; i < block; i++) {
                    content[at + i] = random.nextInt(16) == 0 ? (byte) random.nextInt(256) : 0;
                }
            } else {
                byte[] text = Vocabulary.phrase(random, block / 6 + 1).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, content, at, Math.min(block, text.length));
            }
            at += block;
        }
        return content;
    }

    private static int logUniform(Random random, int min, int max) {
        return (int) Math.round(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
    }

    /** Adds objects to the corpus, planting a body signature or a known hash now and then. */
    private static final class Planter {
        private final Random random;
        private final SyntheticDatabase database;
        private final List<CorpusObject> objects;
        private final List<SyntheticDatabase.HashSignature> planted;

        Planter(Random random, SyntheticDatabase database, List<CorpusObject> objects,
                List<SyntheticDatabase.HashSignature> planted) {
            this.random = random;
            this.database = database;
            this.objects = objects;
            this.planted = planted;
        }

        byte[] next(String kind, byte[] content) {
            int index = objects.size();
            String expected = null;
            if (index % PLANT_BODY_EVERY == PLANT_BODY_EVERY - 1) {
                SyntheticDatabase.BodySignature body = database.bodies().get(random.nextInt(database.bodies().size()));
                byte[] bytes = body.matchingBytes();
                if (bytes.length <= content.length) {
                    System.arraycopy(bytes, 0, content, random.nextInt(content.length - bytes.length + 1), bytes.length);
                    expected = body.name();
                }
            } else if (index % PLANT_HASH_EVERY == PLANT_HASH_EVERY - 1) {
                expected = "Bench.Planted." + index;
                planted.add(new SyntheticDatabase.HashSignature(md5(content), content.length, expected));
            }
            objects.add(new CorpusObject(kind, content, expected));
            return content;
        }
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/mixed message being assembled. */
    private static final class Message {
        private final StringBuilder text = new StringBuilder();
        private final String boundary;

        Message(int n, Random random) {
            this.boundary = "=_bench_" + n + "_" + Integer.toHexString(random.nextInt());
            text.append("From: sender").append(n % 97).append("@example.org\r\n")
                .append("To: user").append(n % 53).append("@example.com\r\n")
                .append("Subject: benchmark message ").append(n).append("\r\n")
                .append("Message-ID: <bench.").append(n).append("@example.org>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        }

        void text(byte[] body) {
            text.append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n\r\n")
                .append(new String(body, StandardCharsets.ISO_8859_1)).append("\r\n");
        }

        void attachment(String type, String name, byte[] content) {
            text.append("--").append(boundary).append("\r\n")
                .append("Content-Type: ").append(type).append("; name=\"").append(name).append("\"\r\n")
                .append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(content)).append("\r\n");
        }

        byte[] toBytes() {
            return text.append("--").append(boundary).append("--\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
