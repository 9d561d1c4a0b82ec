package org.smtpgw.scanner.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hex pattern of a ClamAV body signature, compiled into a sequence of {@link Node}s: fixed bytes (with
 * per-byte masks for {@code ??} and nibble wildcards), alternatives {@code (aa|bbcc)} and their negation
 * {@code !(aa|bb)} (same-length options), and gaps ({@code *},
 * {@code {n}}, {@code {n-}}, {@code {-m}}, {@code {n-m}}, {@code [n-m]}).
 *
 * <p>For matching, the pattern is cut around its <em>anchor</em>, the longest run of fully fixed bytes (at most
 * {@value #MAX_ANCHOR} of them): the automaton finds the anchor, then {@link #matches} checks the parts before
 * (backwards) and after (forwards), with backtracking over gaps and alternatives.
 */
public final class BodyPattern {
    static final int MAX_ANCHOR = 16;
    static final int MIN_ANCHOR = 2;
    static final int MAX_NODES = 256;
    static final int UNBOUNDED = Integer.MAX_VALUE;

    sealed interface Node permits Fixed, Alternatives, Gap {
    }

    /** Bytes that must be there; {@code masks[i]} says which bits of {@code values[i]} count (0 for {@code ??}). */
    record Fixed(byte[] values, byte[] masks) implements Node {
        int length() {
            return values.length;
        }

        boolean matchesAt(byte[] data, int position) {
            if (position < 0 || position + values.length > data.length) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (((data[position + i] ^ values[i]) & masks[i]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One of {@code options}; or, when {@code negated}, any bytes of the options' common length but none of them. */
    record Alternatives(byte[][] options, boolean negated) implements Node {
        boolean negatedMatchesAt(byte[] data, int position) {
            int length = options[0].length;
            if (position < 0 || position + length > data.length) {
                return false;
            }
            for (byte[] option : options) {
                if (regionEquals(data, position, option)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Gap(int min, int max) implements Node {
    }

    private final List<Node> before;
    private final byte[] anchor;
    private final List<Node> after;
    private final boolean hasGaps;

    private BodyPattern(List<Node> before, byte[] anchor, List<Node> after) {
        this.before = before;
        this.anchor = anchor;
        this.after = after;
        this.hasGaps = before.stream().anyMatch(Gap.class::isInstance) || after.stream().anyMatch(Gap.class::isInstance);
    }

    /** The fixed bytes the automaton looks for. */
    byte[] anchor() {
        return anchor;
    }

    /** Whether checking this pattern involves backtracking, so a {@link Memo} pays off. */
    boolean hasGaps() {
        return hasGaps;
    }

    /** Fresh memory of failed attempts, valid for one object (data) and this pattern. */
    Memo newMemo() {
        return new Memo(before.size(), after.size());
    }

    /**
     * Whether the whole pattern matches with its anchor found at {@code anchorStart}, starting somewhere
     * {@code offset} allows.
     *
     * @param memo from {@link #newMemo()}, shared by all anchor hits of this pattern in the same object
     */
    boolean matches(byte[] data, int anchorStart, BodyOffset offset, Memo memo) {
        return forward(data, 0, anchorStart + anchor.length, memo)
            && backward(data, before.size() - 1, anchorStart, offset, memo);
    }

    /**
     * What is already known not to match in one object, so that backtracking over gaps stays linear-ish however
     * often the anchor occurs: whether the part of the pattern from node i matches at position p does not depend on
     * where the anchor was. Bounded gaps remember failed (node, position) pairs; an unbounded gap remembers only
     * a bound, because if it fails at p it fails at every later p (forwards), or earlier p (backwards).
     */
    static final class Memo {
        private final java.util.HashSet<Long> forwardFailed = new java.util.HashSet<>();
        private final java.util.HashSet<Long> backwardFailed = new java.util.HashSet<>();
        private final long[] forwardFailsFrom;
        private final long[] backwardFailsUpTo;

        private Memo(int beforeSize, int afterSize) {
            forwardFailsFrom = new long[afterSize];
            Arrays.fill(forwardFailsFrom, Long.MAX_VALUE);
            backwardFailsUpTo = new long[beforeSize];
            Arrays.fill(backwardFailsUpTo, Long.MIN_VALUE);
        }

        private static long key(int index, long position) {
            return ((long) index << 32) | position;
        }
    }

    private boolean forward(byte[] data, int index, int position, Memo memo) {
        if (index == after.size()) {
            return true;
        }
        Node node = after.get(index);
        if (node instanceof Fixed fixed) {
            return fixed.matchesAt(data, position) && forward(data, index + 1, position + fixed.length(), memo);
        }
        if (node instanceof Alternatives alternatives) {
            if (alternatives.negated()) {
                return alternatives.negatedMatchesAt(data, position)
                    && forward(data, index + 1, position + alternatives.options()[0].length, memo);
            }
            for (byte[] option : alternatives.options()) {
                if (regionEquals(data, position, option) && forward(data, index + 1, position + option.length, memo)) {
                    return true;
                }
            }
            return false;
        }
        Gap gap = (Gap) node;
        boolean unbounded = gap.max() == UNBOUNDED;
        if (unbounded && position >= memo.forwardFailsFrom[index]) {
            return false;
        }
        long last = Math.min((long) position + gap.max(), data.length);
        if (unbounded && memo.forwardFailsFrom[index] != Long.MAX_VALUE) {
            // Positions from (failsFrom + min) on were all tried when that call failed.
            last = Math.min(last, memo.forwardFailsFrom[index] + gap.min() - 1);
        }
        for (long next = (long) position + gap.min(); next <= last; next++) {
            long key = Memo.key(index + 1, next);
            if (!memo.forwardFailed.contains(key)) {
                if (forward(data, index + 1, (int) next, memo)) {
                    return true;
                }
                memo.forwardFailed.add(key);
            }
        }
        if (unbounded) {
            memo.forwardFailsFrom[index] = position;
        }
        return false;
    }

    /** Matches {@code before[0..index]} ending at {@code end}, then checks where the pattern starts. */
    private boolean backward(byte[] data, int index, int end, BodyOffset offset, Memo memo) {
        if (index < 0) {
            return offset.allows(end, data.length);
        }
        Node node = before.get(index);
        if (node instanceof Fixed fixed) {
            return fixed.matchesAt(data, end - fixed.length())
                && backward(data, index - 1, end - fixed.length(), offset, memo);
        }
        if (node instanceof Alternatives alternatives) {
            if (alternatives.negated()) {
                int start = end - alternatives.options()[0].length;
                return alternatives.negatedMatchesAt(data, start) && backward(data, index - 1, start, offset, memo);
            }
            for (byte[] option : alternatives.options()) {
                int start = end - option.length;
                if (regionEquals(data, start, option) && backward(data, index - 1, start, offset, memo)) {
                    return true;
                }
            }
            return false;
        }
        Gap gap = (Gap) node;
        boolean unbounded = gap.max() == UNBOUNDED;
        if (unbounded && end <= memo.backwardFailsUpTo[index]) {
            return false;
        }
        long first = Math.max((long) end - gap.max(), 0);
        if (unbounded && memo.backwardFailsUpTo[index] != Long.MIN_VALUE) {
            // Starts up to (failsUpTo - min) were all tried when that call failed.
            first = Math.max(first, memo.backwardFailsUpTo[index] - gap.min() + 1);
        }
        for (long start = (long) end - gap.min(); start >= first; start--) {
            long key = Memo.key(index - 1, start);
            if (!memo.backwardFailed.contains(key)) {
                if (backward(data, index - 1, (int) start, offset, memo)) {
                    return true;
                }
                memo.backwardFailed.add(key);
            }
        }
        if (unbounded) {
            memo.backwardFailsUpTo[index] = end;
        }
        return false;
    }

    private static boolean regionEquals(byte[] data, int position, byte[] option) {
        return position >= 0 && position + option.length <= data.length
            && Arrays.equals(data, position, position + option.length, option, 0, option.length);
    }

    /**
     * Compiles a hex pattern.
     *
     * @throws IllegalArgumentException naming the unsupported or malformed part
     */
    public static BodyPattern parse(String hex) {
        List<Node> nodes = new Parser(hex).parse();
        return cutAtAnchor(nodes, hex);
    }

    private static BodyPattern cutAtAnchor(List<Node> nodes, String hex) {
        int bestNode = -1;
        int bestStart = 0;
        int bestLength = 0;
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.get(n) instanceof Fixed fixed) {
                int run = 0;
                for (int i = 0; i <= fixed.length(); i++) {
                    if (i < fixed.length() && fixed.masks()[i] == (byte) 0xFF) {
                        run++;
                    } else {
                        if (run > bestLength) {
                            bestNode = n;
                            bestStart = i - run;
                            bestLength = run;
                        }
                        run = 0;
                    }
                }
            }
        }
        if (bestLength < MIN_ANCHOR) {
            throw new IllegalArgumentException("pattern '" + abbreviate(hex) + "' has no run of " + MIN_ANCHOR
                + " fixed bytes to anchor it");
        }
        int anchorLength = Math.min(bestLength, MAX_ANCHOR);
        Fixed fixed = (Fixed) nodes.get(bestNode);
        List<Node> before = new ArrayList<>(nodes.subList(0, bestNode));
        if (bestStart > 0) {
            before.add(slice(fixed, 0, bestStart));
        }
        List<Node> after = new ArrayList<>();
        int anchorEnd = bestStart + anchorLength;
        if (anchorEnd < fixed.length()) {
            after.add(slice(fixed, anchorEnd, fixed.length()));
        }
        after.addAll(nodes.subList(bestNode + 1, nodes.size()));
        byte[] anchor = Arrays.copyOfRange(fixed.values(), bestStart, anchorEnd);
        return new BodyPattern(List.copyOf(before), anchor, List.copyOf(after));
    }

    private static Fixed slice(Fixed fixed, int from, int to) {
        return new Fixed(Arrays.copyOfRange(fixed.values(), from, to), Arrays.copyOfRange(fixed.masks(), from, to));
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** A recursive-descent reader of the hex pattern grammar. */
    private static final class Parser {
        private final String hex;
        private final List<Node> nodes = new ArrayList<>();
        private final PrimitiveArrays.Bytes values = new PrimitiveArrays.Bytes();
        private final PrimitiveArrays.Bytes masks = new PrimitiveArrays.Bytes();
        private int pos;

        Parser(String hex) {
            this.hex = hex;
        }

        List<Node> parse() {
            if (hex.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            while (pos < hex.length()) {
                char c = hex.charAt(pos);
                if (c == '*') {
                    pos++;
                    addGap(0, UNBOUNDED);
                } else if (c == '{') {
                    addRange('}');
                } else if (c == '[') {
                    addRange(']');
                } else if (c == '(') {
                    addAlternatives(false);
                } else if (c == '!' && pos + 1 < hex.length() && hex.charAt(pos + 1) == '(') {
                    pos++;
                    addAlternatives(true);
                } else if (c == '!' || c == '|' || c == ')') {
                    throw unsupported("'" + c + "' outside '(...)'");
                } else {
                    addByte();
                }
            }
            flushFixed();
            if (nodes.size() > MAX_NODES) {
                // Matching recurses once per part: bound the depth so no signature can exhaust a scanning thread's stack.
                throw new IllegalArgumentException("pattern '" + abbreviate(hex) + "' has " + nodes.size()
                    + " parts (fixed runs, gaps, alternatives); at most " + MAX_NODES + " are supported");
            }
            if (nodes.get(0) instanceof Gap || nodes.get(nodes.size() - 1) instanceof Gap) {
                throw unsupported("a gap at the start or end of the pattern");
            }
            return nodes;
        }

        private void addByte() {
            if (pos + 2 > hex.length()) {
                throw unsupported("an odd number of hex digits");
            }
            int high = nibble(hex.charAt(pos));
            int low = nibble(hex.charAt(pos + 1));
            pos += 2;
            values.add((byte) (((high < 0 ? 0 : high) << 4) | (low < 0 ? 0 : low)));
            masks.add((byte) ((high < 0 ? 0 : 0xF0) | (low < 0 ? 0 : 0x0F)));
        }

        private int nibble(char c) {
            if (c == '?') {
                return -1;
            }
            int value = Character.digit(c, 16);
            if (value < 0) {
                throw unsupported("character '" + c + "'");
            }
            return value;
        }

        private void addRange(char close) {
            int end = hex.indexOf(close, pos);
            if (end < 0) {
                throw unsupported("an unclosed '" + hex.charAt(pos) + "'");
            }
            String body = hex.substring(pos + 1, end);
            pos = end + 1;
            int dash = body.indexOf('-');
            try {
                if (dash < 0) {
                    int n = Integer.parseInt(body);
                    addGap(n, n);
                } else {
                    String from = body.substring(0, dash);
                    String to = body.substring(dash + 1);
                    int min = from.isEmpty() ? 0 : Integer.parseInt(from);
                    int max = to.isEmpty() ? UNBOUNDED : Integer.parseInt(to);
                    if (min < 0 || max < min) {
                        throw unsupported("the gap {" + body + "}");
                    }
                    addGap(min, max);
                }
            } catch (NumberFormatException e) {
                throw unsupported("the gap '" + body + "' (allowed: n, n-, -m, n-m)");
            }
        }

        private void addAlternatives(boolean negated) {
            int end = hex.indexOf(')', pos);
            if (end < 0) {
                throw unsupported("an unclosed '('");
            }
            String body = hex.substring(pos + 1, end);
            pos = end + 1;
            String[] parts = body.split("\\|", -1);
            if (parts.length < 2 && !negated) {
                throw unsupported("'(" + body + ")' (boundary markers like (B) or (L) are not supported)");
            }
            byte[][] options = new byte[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() % 2 != 0 || !part.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    throw unsupported("the alternative '" + part + "' (only plain hex bytes are allowed inside (..|..))");
                }
                options[i] = java.util.HexFormat.of().parseHex(part);
            }
            if (negated && Arrays.stream(options).anyMatch(option -> option.length != options[0].length)) {
                throw unsupported("'!(" + body + ")' (negated alternatives must all have the same length)");
            }
            flushFixed();
            nodes.add(new Alternatives(options, negated));
        }

        private void addGap(int min, int max) {
            flushFixed();
            if (!nodes.isEmpty() && nodes.get(nodes.size() - 1) instanceof Gap previous) {
                long newMax = previous.max() == UNBOUNDED || max == UNBOUNDED ? UNBOUNDED : (long) previous.max() + max;
                nodes.set(nodes.size() - 1, new Gap(previous.min() + min, (int) Math.min(newMax, UNBOUNDED)));
            } else {
                nodes.add(new Gap(min, max));
            }
        }

        private void flushFixed() {
            if (values.size() > 0) {
                byte[] v = values.toArray();
                byte[] m = masks.toArray();
                if (!nodes.isEmpty() && nodes.get(nodes.size() - 1) instanceof Fixed previous) {
                    nodes.set(nodes.size() - 1, concat(previous, v, m));
                } else {
                    nodes.add(new Fixed(v, m));
                }
                values.clear();
                masks.clear();
            }
        }

        private static Fixed concat(Fixed previous, byte[] v, byte[] m) {
            byte[] values = Arrays.copyOf(previous.values(), previous.length() + v.length);
            byte[] masks = Arrays.copyOf(previous.masks(), previous.length() + m.length);
            System.arraycopy(v, 0, values, previous.length(), v.length);
            System.arraycopy(m, 0, masks, previous.length(), m.length);
            return new Fixed(values, masks);
        }

        private IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("pattern '" + abbreviate(hex) + "': " + what
                + " at position " + (pos + 1) + " is not supported");
        }
    }
}
