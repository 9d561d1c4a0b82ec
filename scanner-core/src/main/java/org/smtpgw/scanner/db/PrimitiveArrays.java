package org.smtpgw.scanner.db;

import java.util.Arrays;

/**
 * Growable primitive arrays and an index sort. Hand-written because a database of a million hash signatures must
 * fit a small heap: boxed collections would cost several times the bytes the hashes themselves take.
 */
final class PrimitiveArrays {
    private PrimitiveArrays() {
    }

    static final class Longs {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(size));
            }
            values[size++] = value;
        }

        long get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }
    }

    static final class Ints {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(size));
            }
            values[size++] = value;
        }

        void set(int index, int value) {
            values[index] = value;
        }

        int get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    static final class Bytes {
        private byte[] values = new byte[64];
        private int size;

        void add(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, values, size, bytes.length);
            size += bytes.length;
        }

        void add(byte value) {
            ensure(1);
            values[size++] = value;
        }

        private void ensure(int extra) {
            if (size + extra > values.length) {
                values = Arrays.copyOf(values, Math.max(grow(values.length), size + extra));
            }
        }

        byte[] raw() {
            return values;
        }

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        byte[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static int grow(int size) {
        long next = size + (size >> 1) + 16L;
        if (next > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("too many signatures for one table");
        }
        return (int) next;
    }

    interface IntComparator {
        int compare(int a, int b);
    }

    /** A stable merge sort of {@code indices} by {@code comparator}. */
    static void sort(int[] indices, IntComparator comparator) {
        int[] buffer = new int[indices.length];
        for (int width = 1; width < indices.length; width *= 2) {
            for (int lo = 0; lo < indices.length; lo += 2 * width) {
                int mid = Math.min(lo + width, indices.length);
                int hi = Math.min(lo + 2 * width, indices.length);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    buffer[k++] = comparator.compare(indices[i], indices[j]) <= 0 ? indices[i++] : indices[j++];
                }
                while (i < mid) {
                    buffer[k++] = indices[i++];
                }
                while (j < hi) {
                    buffer[k++] = indices[j++];
                }
            }
            System.arraycopy(buffer, 0, indices, 0, indices.length);
        }
    }
}
