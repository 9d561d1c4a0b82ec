package org.smtpgw.conf.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one group's mail is handled: {@code [smtpgw.policy]} (name {@code default}) or a
 * {@code [smtpgw.group:NAME]} with every omitted key taken from the policy.
 *
 * @param senders    sender masks ({@code *@*} for the policy)
 * @param recipients recipient masks ({@code *@*} for the policy)
 * @param backupRepository     James mail repository URL
 * @param quarantineRepository James mail repository URL
 * @param actions    one action per status
 */
public record GroupPolicy(String name, List<String> senders, List<String> recipients, boolean check,
                          String adminNotifyAddress, String notifyFromAddress, String backupRepository,
                          String quarantineRepository, List<String> includeByName, List<String> excludeByName,
                          List<String> includeByMime, List<String> excludeByMime, Path notifyAdminTemplate,
                          Path notifyRecipientTemplate, Path notifySenderTemplate, Path placeholderTemplate,
                          Map<ObjectStatus, ObjectAction> actions, Set<ObjectStatus> blockMessage,
                          Set<ObjectStatus> quarantineStatus, Set<ObjectStatus> backupStatus,
                          Set<ObjectStatus> notifyAdmin, Set<ObjectStatus> notifySender,
                          Set<ObjectStatus> notifyRecipient, boolean notifyAdminAttachOriginal) {

    public static final String DEFAULT_NAME = "default";

    public GroupPolicy {
        senders = List.copyOf(senders);
        recipients = List.copyOf(recipients);
        includeByName = List.copyOf(includeByName);
        excludeByName = List.copyOf(excludeByName);
        includeByMime = List.copyOf(includeByMime);
        excludeByMime = List.copyOf(excludeByMime);
        actions = Map.copyOf(actions);
        blockMessage = Set.copyOf(blockMessage);
        quarantineStatus = Set.copyOf(quarantineStatus);
        backupStatus = Set.copyOf(backupStatus);
        notifyAdmin = Set.copyOf(notifyAdmin);
        notifySender = Set.copyOf(notifySender);
        notifyRecipient = Set.copyOf(notifyRecipient);
    }

    /** The James processor of this group: {@code group-<name>}. */
    public String processorName() {
        return "group-" + name;
    }

    public boolean isDefault() {
        return DEFAULT_NAME.equals(name);
    }
}
