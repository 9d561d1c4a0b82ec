package org.smtpgw.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.smtpgw.conf.model.AccessSettings;
import org.smtpgw.conf.model.AdminSettings;
import org.smtpgw.conf.model.AveSettings;
import org.smtpgw.conf.model.ForwardRoute;
import org.smtpgw.conf.model.GatewayPaths;
import org.smtpgw.conf.model.GroupPolicy;
import org.smtpgw.conf.model.Limits;
import org.smtpgw.conf.model.LocaleSettings;
import org.smtpgw.conf.model.NetworkSettings;
import org.smtpgw.conf.model.Options;
import org.smtpgw.conf.model.PathSettings;
import org.smtpgw.conf.model.Timeouts;
import org.smtpgw.conf.model.UpdaterSettings;

/**
 * The whole of {@code smtpgw.conf}, validated and typed. Every default is already applied, and every group has
 * inherited what it leaves out from the policy. Paths are absolute (resolved against {@link #home()}).
 *
 * @param file   the file it was read from
 * @param home   the distribution home, James' working directory
 * @param routes the routing table in file order ([smtpgw.forward] and [smtpgw.network] lines together)
 * @param policy the default group ({@code [smtpgw.policy]}, named {@code default})
 * @param groups the {@code [smtpgw.group:NAME]} groups in file order
 */
public record GatewayConfig(Path file, Path home, PathSettings path, LocaleSettings locale, AccessSettings access,
                            AveSettings ave, List<ForwardRoute> routes, Limits limits, NetworkSettings network,
                            Options options, GatewayPaths paths, Timeouts timeouts, GroupPolicy policy,
                            List<GroupPolicy> groups, AdminSettings admin, UpdaterSettings updater) {

    public GatewayConfig {
        routes = List.copyOf(routes);
        groups = List.copyOf(groups);
    }

    /** The named groups in file order, then the policy group (the order in which membership is decided). */
    public List<GroupPolicy> allGroups() {
        List<GroupPolicy> all = new ArrayList<>(groups);
        all.add(policy);
        return List.copyOf(all);
    }
}
