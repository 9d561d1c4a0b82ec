package org.smtpgw.matchers.verdict;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ObjectPath;
import org.smtpgw.scanner.model.ScannedObject;

/**
 * Stores a scan verdict on a mail as attributes, and reads it back.
 *
 * <p>Only value types that James serialises are used (String, Long, Collection, Map of AttributeValue), so the
 * verdict survives the persistent spool queue and mail repositories, which keep attributes as JSON. Custom
 * {@code ArbitrarySerializable} types are avoided on purpose: their deserialiser is loaded from mailet-api's class
 * loader, which does not see a drop-in jar in {@code extensions-jars}.
 *
 * <table>
 *   <caption>Attributes</caption>
 *   <tr><th>name</th><th>value</th></tr>
 *   <tr><td>{@value #OBJECTS_NAME}</td><td>list of maps, one per object: {@code path}, {@code part},
 *       {@code entries} (list), {@code name} (absent without name), {@code declaredType}, {@code detectedType},
 *       {@code status}, {@code virusNames} (list), {@code reason} (when present), {@code size},
 *       {@code cured} (base64 of the disinfected content, only for disinfected MIME parts)</td></tr>
 *   <tr><td>{@value #STATUSES_NAME}</td><td>list of the distinct statuses, lower case ({@code clean},
 *       {@code infected}, ...)</td></tr>
 *   <tr><td>{@value #CACHED_OBJECTS_NAME}</td><td>how many of the objects the scanned-object cache (iChecker)
 *       answered without the engine (Long; absent means none)</td></tr>
 *   <tr><td>{@value #VIRUS_NAMES_NAME}</td><td>list of the distinct virus names</td></tr>
 *   <tr><td>{@value #GROUP_NAME}</td><td>the group name</td></tr>
 *   <tr><td>{@value #ENGINE_NAME}</td><td>engine name and database version</td></tr>
 *   <tr><td>{@value #ACTIONS_NAME}</td><td>map object path to action taken ({@code ActOnObjects})</td></tr>
 *   <tr><td>{@value #ORIGINAL_NAME}</td><td>the message as it was before {@code ActOnObjects} changed it (bytes),
 *       only when it changed it</td></tr>
 * </table>
 */
public final class VerdictAttributes {
    public static final String OBJECTS_NAME = "org.smtpgw.scan.objects";
    public static final String STATUSES_NAME = "org.smtpgw.scan.statuses";
    public static final String VIRUS_NAMES_NAME = "org.smtpgw.scan.virusNames";
    public static final String GROUP_NAME = "org.smtpgw.scan.group";
    public static final String ENGINE_NAME = "org.smtpgw.scan.engine";
    public static final String ACTIONS_NAME = "org.smtpgw.scan.actions";
    public static final String ORIGINAL_NAME = "org.smtpgw.scan.original";
    public static final String CACHED_OBJECTS_NAME = "org.smtpgw.scan.cachedObjects";

    public static final AttributeName OBJECTS = AttributeName.of(OBJECTS_NAME);
    public static final AttributeName STATUSES = AttributeName.of(STATUSES_NAME);
    public static final AttributeName VIRUS_NAMES = AttributeName.of(VIRUS_NAMES_NAME);
    public static final AttributeName GROUP = AttributeName.of(GROUP_NAME);
    public static final AttributeName ENGINE = AttributeName.of(ENGINE_NAME);
    public static final AttributeName ACTIONS = AttributeName.of(ACTIONS_NAME);
    public static final AttributeName ORIGINAL = AttributeName.of(ORIGINAL_NAME);
    public static final AttributeName CACHED_OBJECTS = AttributeName.of(CACHED_OBJECTS_NAME);

    private VerdictAttributes() {
    }

    /** Puts the verdict on the mail, replacing any earlier verdict (and the actions and original that went with it). */
    public static void store(Mail mail, MessageVerdict verdict, String group, String engine) {
        List<AttributeValue<?>> objects = new ArrayList<>();
        verdict.objects().forEach(object -> objects.add(AttributeValue.of(toMap(object))));
        mail.setAttribute(new Attribute(OBJECTS, AttributeValue.of(objects)));
        mail.setAttribute(new Attribute(STATUSES, strings(verdict.statuses().stream().map(ObjectStatus::configName).toList())));
        mail.setAttribute(new Attribute(VIRUS_NAMES, strings(verdict.virusNames())));
        mail.setAttribute(new Attribute(CACHED_OBJECTS, AttributeValue.of((long) verdict.cachedObjects())));
        mail.setAttribute(new Attribute(GROUP, AttributeValue.of(group)));
        mail.setAttribute(new Attribute(ENGINE, AttributeValue.of(engine)));
        mail.removeAttribute(ACTIONS);
        mail.removeAttribute(ORIGINAL);
    }

    /**
     * Drops the cured content from the stored objects once it has been used, so that it does not travel on (into
     * repositories, notifications' attributes) with the mail.
     */
    public static void dropCuredContent(Mail mail) {
        mail.getAttribute(OBJECTS).map(Attribute::getValue).map(AttributeValue::value)
            .filter(Collection.class::isInstance).map(Collection.class::cast)
            .ifPresent(objects -> {
                List<AttributeValue<?>> kept = new ArrayList<>();
                boolean dropped = false;
                for (Object item : objects) {
                    Object raw = unwrap(item);
                    if (raw instanceof Map<?, ?> map && map.containsKey("cured")) {
                        Map<String, AttributeValue<?>> copy = new LinkedHashMap<>();
                        map.forEach((key, value) -> {
                            if (!"cured".equals(key)) {
                                copy.put(String.valueOf(key), (AttributeValue<?>) value);
                            }
                        });
                        kept.add(AttributeValue.of(copy));
                        dropped = true;
                    } else {
                        kept.add(item instanceof AttributeValue<?> value ? value : AttributeValue.ofAny(item));
                    }
                }
                if (dropped) {
                    mail.setAttribute(new Attribute(OBJECTS, AttributeValue.of(kept)));
                }
            });
    }

    /** Records the actions taken on objects (path to action name). */
    public static void storeActions(Mail mail, Map<String, String> actions) {
        Map<String, AttributeValue<?>> values = new LinkedHashMap<>();
        actions.forEach((path, action) -> values.put(path, AttributeValue.of(action)));
        mail.setAttribute(new Attribute(ACTIONS, AttributeValue.of(values)));
    }

    /** Keeps the unmodified message (its RFC 822 bytes) for Backup, Quarantine and Notify. */
    public static void storeOriginal(Mail mail, byte[] rfc822) {
        mail.setAttribute(new Attribute(ORIGINAL, AttributeValue.of(rfc822)));
    }

    /** The unmodified message, when {@code ActOnObjects} changed the mail's message. */
    public static Optional<byte[]> original(Mail mail) {
        return mail.getAttribute(ORIGINAL).map(Attribute::getValue).map(AttributeValue::value)
            .filter(byte[].class::isInstance).map(byte[].class::cast);
    }

    /**
     * The statuses of the scanned mail; empty when the mail was not scanned. Unknown names are ignored, so a matcher
     * never fails on a mail whose attribute was set by hand.
     */
    public static Set<ObjectStatus> statuses(Mail mail) {
        EnumSet<ObjectStatus> statuses = EnumSet.noneOf(ObjectStatus.class);
        mail.getAttribute(STATUSES).map(Attribute::getValue).map(AttributeValue::value)
            .filter(Collection.class::isInstance).map(Collection.class::cast)
            .ifPresent(values -> {
                for (Object value : values) {
                    Object raw = value instanceof AttributeValue<?> av ? av.value() : value;
                    if (raw instanceof String name) {
                        ObjectStatus.parse(name).ifPresent(statuses::add);
                    }
                }
            });
        return statuses;
    }

    /** Whether {@code Scan} has put a verdict on this mail. */
    public static boolean isScanned(Mail mail) {
        return mail.getAttribute(OBJECTS).isPresent();
    }

    /**
     * Reads the verdict back; empty when the mail carries none.
     *
     * @throws IllegalStateException when the attributes are there but malformed (set by something else)
     */
    public static Optional<ScanResult> read(Mail mail) {
        Optional<Object> objects = value(mail, OBJECTS);
        if (objects.isEmpty()) {
            return Optional.empty();
        }
        if (!(objects.get() instanceof Collection<?> list)) {
            throw new IllegalStateException("attribute " + OBJECTS_NAME + " is not a list");
        }
        List<ScannedObject> scanned = new ArrayList<>();
        for (Object item : list) {
            scanned.add(fromMap(asMap(unwrap(item), OBJECTS_NAME)));
        }
        String group = value(mail, GROUP).map(String::valueOf).orElse("");
        String engine = value(mail, ENGINE).map(String::valueOf).orElse("");
        Map<String, String> actions = new LinkedHashMap<>();
        value(mail, ACTIONS).ifPresent(raw -> asMap(raw, ACTIONS_NAME)
            .forEach((path, action) -> actions.put(path, String.valueOf(unwrap(action)))));
        // Absent on mail scanned before the attribute existed (still in a queue or repository): none from the cache.
        long cached = value(mail, CACHED_OBJECTS).filter(Number.class::isInstance).map(Number.class::cast)
            .map(Number::longValue).orElse(0L);
        if (cached < 0 || cached > scanned.size()) {
            throw new IllegalStateException("attribute " + CACHED_OBJECTS_NAME + ": " + cached
                + " is not from 0 to the " + scanned.size() + " objects");
        }
        return Optional.of(new ScanResult(new MessageVerdict(scanned, (int) cached), group, engine, actions));
    }

    private static Map<String, AttributeValue<?>> toMap(ScannedObject object) {
        Map<String, AttributeValue<?>> map = new LinkedHashMap<>();
        map.put("path", AttributeValue.of(object.path().toString()));
        map.put("part", AttributeValue.of(object.path().part()));
        map.put("entries", strings(object.path().entries()));
        object.name().ifPresent(name -> map.put("name", AttributeValue.of(name)));
        map.put("declaredType", AttributeValue.of(object.declaredType()));
        map.put("detectedType", AttributeValue.of(object.detectedType()));
        map.put("status", AttributeValue.of(object.status().configName()));
        map.put("virusNames", strings(object.virusNames()));
        object.reason().ifPresent(reason -> map.put("reason", AttributeValue.of(reason)));
        map.put("size", AttributeValue.of(object.size()));
        object.curedContent().ifPresent(cured -> map.put("cured",
            AttributeValue.of(Base64.getEncoder().encodeToString(cured))));
        return map;
    }

    private static ScannedObject fromMap(Map<String, ?> map) {
        String part = requiredString(map, "part");
        List<String> entries = stringList(map.get("entries"));
        String statusName = requiredString(map, "status");
        ObjectStatus status = ObjectStatus.parse(statusName).orElseThrow(() -> new IllegalStateException(
            "attribute " + OBJECTS_NAME + ": unknown status '" + statusName + "'"));
        Object size = unwrap(map.get("size"));
        return new ScannedObject(new ObjectPath(part, entries),
            optionalString(map, "name"),
            requiredString(map, "declaredType"),
            requiredString(map, "detectedType"),
            status,
            stringList(map.get("virusNames")),
            optionalString(map, "reason"),
            size instanceof Number number ? number.longValue() : 0L,
            optionalString(map, "cured").map(Base64.getDecoder()::decode));
    }

    private static Optional<Object> value(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::value);
    }

    private static Object unwrap(Object value) {
        return value instanceof AttributeValue<?> av ? av.value() : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object value, String attribute) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException("attribute " + attribute + ": expected a map, found " + value);
        }
        return (Map<String, ?>) map;
    }

    private static String requiredString(Map<String, ?> map, String key) {
        return optionalString(map, key).orElseThrow(() -> new IllegalStateException(
            "attribute " + OBJECTS_NAME + ": object without '" + key + "'"));
    }

    private static Optional<String> optionalString(Map<String, ?> map, String key) {
        return Optional.ofNullable(unwrap(map.get(key))).map(String::valueOf);
    }

    private static List<String> stringList(Object value) {
        Object raw = unwrap(value);
        if (!(raw instanceof Collection<?> items)) {
            return List.of();
        }
        return items.stream().map(VerdictAttributes::unwrap).map(String::valueOf).toList();
    }

    private static AttributeValue<?> strings(List<String> values) {
        List<AttributeValue<?>> list = new ArrayList<>();
        values.forEach(value -> list.add(AttributeValue.of(value)));
        return AttributeValue.of(list);
    }
}
