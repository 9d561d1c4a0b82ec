package org.smtpgw.matchers.malformed;

import java.util.EnumSet;
import java.util.Set;

/**
 * The rules to check and the nesting limit, as the {@code IsMalformed} condition gives them: a comma-separated list
 * of rule names ({@link MalformedRule#keyword()}), or {@code all}; {@code nesting:N} sets the nesting limit (default
 * {@value #DEFAULT_MAX_DEPTH}).
 */
public record MalformedRules(Set<MalformedRule> rules, int maxDepth) {
    public static final int DEFAULT_MAX_DEPTH = 20;
    public static final int MAX_DEPTH_LIMIT = 1000;

    public MalformedRules {
        rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("nesting limit " + maxDepth + " is out of range 1.." + MAX_DEPTH_LIMIT);
        }
    }

    public static MalformedRules all() {
        return new MalformedRules(EnumSet.allOf(MalformedRule.class), DEFAULT_MAX_DEPTH);
    }

    public boolean checks(MalformedRule rule) {
        return rules.contains(rule);
    }

    /**
     * @throws IllegalArgumentException naming the item that is not a rule, and the allowed ones
     */
    public static MalformedRules parse(String condition) {
        if (condition == null || condition.isBlank()) {
            throw new IllegalArgumentException("no rules; expected all or a comma-separated list of "
                + MalformedRule.allowed() + " (nesting:N sets the nesting limit)");
        }
        Set<MalformedRule> rules = EnumSet.noneOf(MalformedRule.class);
        int maxDepth = DEFAULT_MAX_DEPTH;
        for (String raw : condition.split(",")) {
            String item = raw.trim();
            if (item.equalsIgnoreCase("all")) {
                rules.addAll(EnumSet.allOf(MalformedRule.class));
                continue;
            }
            int colon = item.indexOf(':');
            if (colon > 0 && item.substring(0, colon).trim().equalsIgnoreCase(MalformedRule.NESTING.keyword())) {
                String limit = item.substring(colon + 1).trim();
                try {
                    maxDepth = Integer.parseInt(limit);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + item + "': the nesting limit '" + limit
                        + "' is not a whole number (1.." + MAX_DEPTH_LIMIT + ")", e);
                }
                if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
                    throw new IllegalArgumentException("'" + item + "': the nesting limit must be 1.." + MAX_DEPTH_LIMIT);
                }
                rules.add(MalformedRule.NESTING);
                continue;
            }
            rules.add(MalformedRule.byKeyword(item).orElseThrow(() -> new IllegalArgumentException("'" + item
                + "' is not a rule; expected all or " + MalformedRule.allowed() + " (nesting:N sets the nesting"
                + " limit)")));
        }
        return new MalformedRules(rules, maxDepth);
    }
}
