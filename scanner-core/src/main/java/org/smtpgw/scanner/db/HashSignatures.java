package org.smtpgw.scanner.db;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The hash signatures of all three digests. A digest is computed only when some signature could match. */
public final class HashSignatures {
    private final Map<HashAlgorithm, HashSignatureTable> tables;

    HashSignatures(Map<HashAlgorithm, HashSignatureTable> tables) {
        this.tables = new EnumMap<>(tables);
    }

    public int count(HashAlgorithm algorithm) {
        HashSignatureTable table = tables.get(algorithm);
        return table == null ? 0 : table.size();
    }

    public List<String> match(byte[] content) {
        List<String> found = new ArrayList<>(1);
        for (HashSignatureTable table : tables.values()) {
            if (table.size() > 0 && table.mayMatchSize(content.length)) {
                found.addAll(table.lookup(content.length, table.algorithm().digest(content)));
            }
        }
        return found;
    }
}
