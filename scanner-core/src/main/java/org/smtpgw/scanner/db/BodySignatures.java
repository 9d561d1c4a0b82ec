package org.smtpgw.scanner.db;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All body ({@code .ndb}) signatures, matched together in one pass over an object. Immutable, thread-safe. */
public final class BodySignatures {
    private final String[] names;
    private final BodyOffset[] offsets;
    private final BodyPattern[] patterns;
    private final AnchorAutomaton automaton;

    private BodySignatures(String[] names, BodyOffset[] offsets, BodyPattern[] patterns) {
        this.names = names;
        this.offsets = offsets;
        this.patterns = patterns;
        byte[][] anchors = new byte[patterns.length][];
        for (int i = 0; i < patterns.length; i++) {
            anchors[i] = patterns[i].anchor();
        }
        this.automaton = new AnchorAutomaton(anchors);
    }

    public int size() {
        return names.length;
    }

    /** The names of the signatures found in {@code content}, each once, in the order found. */
    public List<String> match(byte[] content) {
        List<String> found = new ArrayList<>(1);
        if (names.length == 0) {
            return found;
        }
        BitSet matched = new BitSet(names.length);
        Map<Integer, BodyPattern.Memo> memos = new HashMap<>();
        automaton.scan(content, (pattern, anchorEnd) -> {
            if (!matched.get(pattern)) {
                BodyPattern body = patterns[pattern];
                int anchorStart = anchorEnd - body.anchor().length;
                BodyPattern.Memo memo = body.hasGaps() ? memos.computeIfAbsent(pattern, p -> body.newMemo()) : null;
                if (body.matches(content, anchorStart, offsets[pattern], memo)) {
                    matched.set(pattern);
                    found.add(names[pattern]);
                }
            }
        });
        return found;
    }

    int automatonNodes() {
        return automaton.nodeCount();
    }

    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<BodyOffset> offsets = new ArrayList<>();
        private final List<BodyPattern> patterns = new ArrayList<>();

        public Builder add(String name, BodyOffset offset, BodyPattern pattern) {
            names.add(name);
            offsets.add(offset);
            patterns.add(pattern);
            return this;
        }

        public int count() {
            return names.size();
        }

        public BodySignatures build() {
            return new BodySignatures(names.toArray(String[]::new), offsets.toArray(BodyOffset[]::new),
                patterns.toArray(BodyPattern[]::new));
        }
    }
}
