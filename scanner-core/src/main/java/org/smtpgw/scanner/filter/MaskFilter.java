package org.smtpgw.scanner.filter;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One pair of include and exclude mask lists ({@code IncludeByName}/{@code ExcludeByName}, or
 * {@code IncludeByMime}/{@code ExcludeByMime}): a value is caught when it matches an include mask and no exclude
 * mask.
 *
 * <p>The filter is <em>active only when at least one include mask is configured</em>. The manual says a missing
 * include list means {@code *}; taken literally, that would filter (and so never scan) every object of every
 * message, which no administrator wants, and contradicts its own advice that filtering is something one sets up.
 * So without include masks nothing is caught, and exclude masks alone have no effect.
 */
public record MaskFilter(List<WildcardMask> include, List<WildcardMask> exclude) {

    /** Catches nothing. */
    public static final MaskFilter NONE = new MaskFilter(List.of(), List.of());

    public MaskFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** From the mask strings of the configuration; see {@link WildcardMask#of(String)}. */
    public static MaskFilter of(Collection<String> include, Collection<String> exclude) {
        return new MaskFilter(include.stream().map(WildcardMask::of).toList(),
            exclude.stream().map(WildcardMask::of).toList());
    }

    public boolean isActive() {
        return !include.isEmpty();
    }

    /** The include mask that catches {@code value}, when one does and no exclude mask matches it. */
    public Optional<WildcardMask> catching(String value) {
        if (!isActive() || exclude.stream().anyMatch(mask -> mask.matches(value))) {
            return Optional.empty();
        }
        return include.stream().filter(mask -> mask.matches(value)).findFirst();
    }
}
