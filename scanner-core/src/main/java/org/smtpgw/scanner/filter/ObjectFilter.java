package org.smtpgw.scanner.filter;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The object filter of a group ({@code IncludeByName}, {@code ExcludeByName}, {@code IncludeByMime},
 * {@code ExcludeByMime} in {@code [smtpgw.policy]} or {@code [smtpgw.group:...]}): an object it catches gets
 * status {@code filtered} and is not scanned (nor unpacked).
 *
 * <ul>
 *   <li>By name: the object's file name is caught by {@link #byName()}. For an archive entry such as
 *       {@code docs/setup.exe}, the full entry name and the bare file name ({@code setup.exe}) are each judged,
 *       so {@code IncludeByName=setup.exe} catches it. An object without a name (a message body, say) is never
 *       caught by name.</li>
 *   <li>By MIME type: the declared type <em>or</em> the type detected from the content is caught by
 *       {@link #byMime()}. Each type is judged on its own, so an executable renamed and declared as
 *       {@code text/plain} is still caught by {@code IncludeByMime=application/x-msdownload}, and declaring an
 *       excluded type does not smuggle it through.</li>
 * </ul>
 * An object is filtered when either filter catches it. Each filter is active only when it has include masks; see
 * {@link MaskFilter}. Masks apply to objects at every level, archive entries included: an {@code .exe} inside a
 * zip is caught, and the part carrying the zip takes the status {@code filtered} (unless something worse is in it).
 */
public record ObjectFilter(MaskFilter byName, MaskFilter byMime) {

    /** Filters nothing. */
    public static final ObjectFilter NONE = new ObjectFilter(MaskFilter.NONE, MaskFilter.NONE);

    public ObjectFilter {
        Objects.requireNonNull(byName, "byName");
        Objects.requireNonNull(byMime, "byMime");
    }

    /** Why the object is filtered, such as {@code name 'a.exe' matches IncludeByName mask *.exe}; empty if it is not. */
    public Optional<String> filterReason(Optional<String> name, String declaredType, String detectedType) {
        if (name.isPresent()) {
            Set<String> names = new LinkedHashSet<>();
            names.add(name.get());
            names.add(baseName(name.get()));
            for (String candidate : names) {
                Optional<WildcardMask> mask = byName.catching(candidate);
                if (mask.isPresent()) {
                    return Optional.of("name '" + candidate + "' matches IncludeByName mask " + mask.get());
                }
            }
        }
        Set<String> types = new LinkedHashSet<>();
        types.add(declaredType);
        types.add(detectedType);
        for (String type : types) {
            Optional<WildcardMask> mask = byMime.catching(type);
            if (mask.isPresent()) {
                String which = type.equals(declaredType) ? "declared" : "detected";
                return Optional.of(which + " type " + type + " matches IncludeByMime mask " + mask.get());
            }
        }
        return Optional.empty();
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
