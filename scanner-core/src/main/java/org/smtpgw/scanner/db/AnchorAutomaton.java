package org.smtpgw.scanner.db;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over the anchors of all body signatures, so one pass over an object finds every
 * anchor occurrence. Kept in flat arrays rather than an object per node (a 100,000-signature database has
 * millions of nodes):
 *
 * <ul>
 *   <li>nodes are numbered breadth-first, so the children of a node are consecutive:
 *       {@code childStart[u] .. childStart[u+1]-1}, sorted by their (unsigned) edge {@code label};</li>
 *   <li>{@code fail[u]} is the usual failure link, {@code dict[u]} the nearest node on the failure chain that ends
 *       an anchor (or -1);</li>
 *   <li>the anchors are sorted, so the patterns whose anchor ends at {@code u} are a range
 *       {@code outStart[u] .. outStart[u]+outCount[u]-1} of {@link #patternAt(int)}.</li>
 * </ul>
 *
 * <p>The root keeps a dense 256-entry table, and the nodes of depth 1 a dense 256 x 256 table (256 KB): with many
 * signatures those nodes have up to 256 children each, and most bytes of a scan pass through them.
 */
final class AnchorAutomaton {
    private static final int ROOT = 0;

    private final byte[] label;
    private final int[] childStart;
    private final int[] fail;
    private final int[] dict;
    private final int[] outStart;
    private final int[] outCount;
    private final int[] rootNext = new int[256];
    /** Children of the depth-1 nodes: index {@code (label << 8) | byte}, -1 for none. */
    private final int[] depthOneNext = new int[256 * 256];
    private final int lastDepthOne;
    private final int[] patterns;

    /** Receives each (pattern, anchor end position) found by {@link #scan}. */
    interface Hits {
        void hit(int pattern, int anchorEnd);
    }

    /** @param anchors the anchor of each pattern, indexed by pattern number */
    AnchorAutomaton(byte[][] anchors) {
        int count = anchors.length;
        Integer[] boxed = new Integer[count];
        for (int i = 0; i < count; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Arrays.compareUnsigned(anchors[a], anchors[b]));
        patterns = new int[count];
        for (int i = 0; i < count; i++) {
            patterns[i] = boxed[i];
        }
        boxed = null;

        // Breadth-first construction over ranges of the sorted anchors: the node for prefix p owns the range of
        // anchors starting with p; its children split the range by the next byte.
        PrimitiveArrays.Ints lo = new PrimitiveArrays.Ints();
        PrimitiveArrays.Ints hi = new PrimitiveArrays.Ints();
        PrimitiveArrays.Ints depth = new PrimitiveArrays.Ints();
        PrimitiveArrays.Ints parent = new PrimitiveArrays.Ints();
        PrimitiveArrays.Bytes labels = new PrimitiveArrays.Bytes();
        PrimitiveArrays.Ints starts = new PrimitiveArrays.Ints();
        PrimitiveArrays.Ints outStarts = new PrimitiveArrays.Ints();
        PrimitiveArrays.Ints outCounts = new PrimitiveArrays.Ints();
        lo.add(0);
        hi.add(count);
        depth.add(0);
        parent.add(-1);
        labels.add((byte) 0);
        for (int u = 0; u < lo.size(); u++) {
            int from = lo.get(u);
            int to = hi.get(u);
            int d = depth.get(u);
            int ends = from;
            while (ends < to && anchors[patterns[ends]].length == d) {
                ends++;
            }
            outStarts.add(from);
            outCounts.add(ends - from);
            starts.add(lo.size());
            int i = ends;
            while (i < to) {
                byte b = anchors[patterns[i]][d];
                int j = i + 1;
                while (j < to && anchors[patterns[j]][d] == b) {
                    j++;
                }
                lo.add(i);
                hi.add(j);
                depth.add(d + 1);
                parent.add(u);
                labels.add(b);
                i = j;
            }
        }
        int nodes = lo.size();
        starts.add(nodes);
        label = labels.toArray();
        childStart = starts.toArray();
        outStart = outStarts.toArray();
        outCount = outCounts.toArray();
        fail = new int[nodes];
        dict = new int[nodes];
        Arrays.fill(dict, -1);
        for (int c = childStart[ROOT]; c < childStart[ROOT + 1]; c++) {
            rootNext[label[c] & 0xFF] = c;
        }
        lastDepthOne = childStart[ROOT + 1] - 1;
        Arrays.fill(depthOneNext, -1);
        for (int u = 1; u <= lastDepthOne; u++) {
            for (int c = childStart[u]; c < childStart[u + 1]; c++) {
                depthOneNext[((label[u] & 0xFF) << 8) | (label[c] & 0xFF)] = c;
            }
        }
        for (int u = 1; u < nodes; u++) {
            int p = parent.get(u);
            fail[u] = p == ROOT ? ROOT : next(fail[p], label[u]);
            int f = fail[u];
            dict[u] = outCount[f] > 0 && f != ROOT ? f : dict[f];
        }
    }

    int nodeCount() {
        return label.length;
    }

    /** Pattern number at a position of the sorted output ranges. */
    int patternAt(int index) {
        return patterns[index];
    }

    private int child(int node, byte b) {
        if (node <= lastDepthOne && lastDepthOne > 0) {
            return depthOneNext[((label[node] & 0xFF) << 8) | (b & 0xFF)];
        }
        int lo = childStart[node];
        int hi = childStart[node + 1] - 1;
        int key = b & 0xFF;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int value = label[mid] & 0xFF;
            if (value < key) {
                lo = mid + 1;
            } else if (value > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private int next(int node, byte b) {
        int u = node;
        while (u != ROOT) {
            int c = child(u, b);
            if (c >= 0) {
                return c;
            }
            u = fail[u];
        }
        return rootNext[b & 0xFF];
    }

    void scan(byte[] data, Hits hits) {
        int state = ROOT;
        for (int i = 0; i < data.length; i++) {
            state = next(state, data[i]);
            for (int t = outCount[state] > 0 ? state : dict[state]; t > ROOT; t = dict[t]) {
                for (int k = outStart[t], end = outStart[t] + outCount[t]; k < end; k++) {
                    hits.hit(patterns[k], i + 1);
                }
            }
        }
    }
}
