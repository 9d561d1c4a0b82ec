package org.smtpgw.scanner.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smtpgw.scanner.ObjectStatus;

/**
 * The result of scanning one message: every object found in it, in message order, a container before what it
 * holds.
 *
 * <p>An object found inside an archive (or an attached message, a mailbox file, ...) is acted on through the
 * MIME part that carries it: {@link #statusByTopLevelPart()} and {@link #worstStatusWithin(String)} give the
 * status that part must be treated with.
 */
public record MessageVerdict(List<ScannedObject> objects, int cachedObjects) {

    /**
     * @param objects       every object, in message order
     * @param cachedObjects how many of the objects the scanned-object cache (iChecker) answered "clean" without the
     *                      engine; each of them is also one of {@code objects}
     */
    public MessageVerdict {
        objects = List.copyOf(objects);
        if (cachedObjects < 0 || cachedObjects > objects.size()) {
            throw new IllegalArgumentException("cachedObjects " + cachedObjects + " must be from 0 to the "
                + objects.size() + " objects");
        }
    }

    /** A verdict none of whose objects came from the cache. */
    public MessageVerdict(List<ScannedObject> objects) {
        this(objects, 0);
    }

    /** The distinct statuses of all objects (empty for a message without any object). */
    public Set<ObjectStatus> statuses() {
        EnumSet<ObjectStatus> statuses = EnumSet.noneOf(ObjectStatus.class);
        objects.forEach(object -> statuses.add(object.status()));
        return Collections.unmodifiableSet(statuses);
    }

    /** The distinct virus names found anywhere in the message, in the order found. */
    public List<String> virusNames() {
        Set<String> names = new LinkedHashSet<>();
        objects.forEach(object -> names.addAll(object.virusNames()));
        return List.copyOf(names);
    }

    /** The most severe status of all objects; {@link ObjectStatus#CLEAN} for a message without any object. */
    public ObjectStatus worstStatus() {
        return objects.stream().map(ScannedObject::status).reduce(ObjectStatus.CLEAN, ObjectStatus::worst);
    }

    /**
     * For each top-level MIME part ({@code 1}, {@code 2}, ...), in message order, the most severe status of the
     * objects it carries (itself, its sub-parts, everything unpacked from them).
     */
    public Map<String, ObjectStatus> statusByTopLevelPart() {
        Map<String, ObjectStatus> byPart = new LinkedHashMap<>();
        for (ScannedObject object : objects) {
            byPart.merge(object.path().topLevelPart(), object.status(), ObjectStatus::worst);
        }
        return Collections.unmodifiableMap(byPart);
    }

    /**
     * The most severe status of the objects carried by the MIME part {@code mimePart} (such as {@code 2} or
     * {@code 2.1}): the part itself, its sub-parts, and everything unpacked from them; empty when no object lies
     * there.
     */
    public Optional<ObjectStatus> worstStatusWithin(String mimePart) {
        return objects.stream()
            .filter(object -> object.path().isWithin(mimePart))
            .map(ScannedObject::status)
            .reduce(ObjectStatus::worst);
    }

    /** The object at exactly this path. */
    public Optional<ScannedObject> object(String path) {
        return objects.stream().filter(object -> object.path().toString().equals(path)).findFirst();
    }

    /** The objects with this status. */
    public List<ScannedObject> objectsWithStatus(ObjectStatus status) {
        return objects.stream().filter(object -> object.status() == status).toList();
    }
}
