package org.smtpgw.scanner.db;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All hash signatures of one algorithm, sorted by (size, hash) in flat primitive arrays and searched by bisection.
 * A signature whose size is {@code *} (any size) is stored with size {@value #ANY_SIZE}.
 *
 * <p>Memory per signature: 8 bytes of size, the digest, 4 bytes of name reference, and the name's bytes.
 */
public final class HashSignatureTable {
    public static final long ANY_SIZE = -1;

    private final HashAlgorithm algorithm;
    private final long[] sizes;
    private final byte[] hashes;
    private final int[] nameRefs;
    private final int[] nameOffsets;
    private final byte[] names;
    private final long[] distinctSizes;
    private final boolean anySize;

    private HashSignatureTable(HashAlgorithm algorithm, long[] sizes, byte[] hashes, int[] nameRefs,
                               int[] nameOffsets, byte[] names) {
        this.algorithm = algorithm;
        this.sizes = sizes;
        this.hashes = hashes;
        this.nameRefs = nameRefs;
        this.nameOffsets = nameOffsets;
        this.names = names;
        this.distinctSizes = Arrays.stream(sizes).distinct().toArray();
        this.anySize = sizes.length > 0 && sizes[0] == ANY_SIZE;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    public int size() {
        return sizes.length;
    }

    /** Whether an object of this size can match at all: only then is the digest worth computing. */
    public boolean mayMatchSize(long size) {
        return anySize || Arrays.binarySearch(distinctSizes, size) >= 0;
    }

    /** The names of the signatures matching this object size and digest (exact size, then any size). */
    public List<String> lookup(long size, byte[] digest) {
        List<String> found = new ArrayList<>(1);
        collect(size, digest, found);
        if (anySize) {
            collect(ANY_SIZE, digest, found);
        }
        return found;
    }

    private void collect(long size, byte[] digest, List<String> found) {
        int lo = 0;
        int hi = sizes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareAt(mid, size, digest) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < sizes.length && compareAt(i, size, digest) == 0; i++) {
            found.add(name(nameRefs[i]));
        }
    }

    private int compareAt(int index, long size, byte[] digest) {
        int bySize = Long.compare(sizes[index], size);
        if (bySize != 0) {
            return bySize;
        }
        int len = algorithm.length();
        return Arrays.compareUnsigned(hashes, index * len, index * len + len, digest, 0, len);
    }

    private String name(int ref) {
        return new String(names, nameOffsets[ref], nameOffsets[ref + 1] - nameOffsets[ref], StandardCharsets.UTF_8);
    }

    /** Collects signatures in any order; {@link #build()} sorts them. Not thread-safe. */
    public static final class Builder {
        private final HashAlgorithm algorithm;
        private final PrimitiveArrays.Longs sizes = new PrimitiveArrays.Longs();
        private final PrimitiveArrays.Bytes hashes = new PrimitiveArrays.Bytes();
        private final PrimitiveArrays.Ints nameOffsets = new PrimitiveArrays.Ints();
        private final PrimitiveArrays.Bytes names = new PrimitiveArrays.Bytes();

        public Builder(HashAlgorithm algorithm) {
            this.algorithm = algorithm;
            nameOffsets.add(0);
        }

        /** @param size the object size in bytes, or {@link #ANY_SIZE} */
        public Builder add(long size, byte[] digest, String name) {
            if (digest.length != algorithm.length()) {
                throw new IllegalArgumentException(algorithm + " digest of " + algorithm.length() + " bytes expected");
            }
            sizes.add(size);
            hashes.add(digest);
            names.add(name.getBytes(StandardCharsets.UTF_8));
            nameOffsets.add(names.size());
            return this;
        }

        public int count() {
            return sizes.size();
        }

        public HashSignatureTable build() {
            int count = sizes.size();
            int len = algorithm.length();
            byte[] raw = hashes.raw();
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            PrimitiveArrays.sort(order, (a, b) -> {
                int bySize = Long.compare(sizes.get(a), sizes.get(b));
                return bySize != 0 ? bySize
                    : Arrays.compareUnsigned(raw, a * len, a * len + len, raw, b * len, b * len + len);
            });
            long[] sortedSizes = new long[count];
            byte[] sortedHashes = new byte[count * len];
            for (int i = 0; i < count; i++) {
                sortedSizes[i] = sizes.get(order[i]);
                System.arraycopy(raw, order[i] * len, sortedHashes, i * len, len);
            }
            return new HashSignatureTable(algorithm, sortedSizes, sortedHashes, order, nameOffsets.toArray(),
                names.toArray());
        }
    }
}
