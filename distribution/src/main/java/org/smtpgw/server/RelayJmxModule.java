package org.smtpgw.server;

import java.io.FileNotFoundException;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.domainlist.api.DomainListManagementMBean;
import org.apache.james.domainlist.lib.DomainListManagement;
import org.apache.james.modules.server.JMXServer;
import org.apache.james.modules.server.JmxConfiguration;
import org.apache.james.rrt.api.RecipientRewriteTableManagementMBean;
import org.apache.james.rrt.lib.RecipientRewriteTableManagement;
import org.apache.james.user.api.UsersRepositoryManagementMBean;
import org.apache.james.user.lib.UsersRepositoryManagement;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * JMX for {@code james-cli}: James' {@link JMXServer} (settings from {@code jmx.properties}) with the
 * domain list, users and rewrite table MBeans. James' own {@code JMXServerModule} also registers mailbox
 * MBeans and cannot start without a mailbox, which a relay does not have.
 *
 * <p>The mail queue MBeans ({@code org.apache.james:type=component,name=queue,queue=...}) are registered
 * by the ActiveMQ queue factory itself.
 */
public class RelayJmxModule extends AbstractModule {
    static final String DOMAIN_LIST = "org.apache.james:type=component,name=domainlist";
    static final String USERS = "org.apache.james:type=component,name=usersrepository";
    static final String REWRITE_TABLE = "org.apache.james:type=component,name=recipientrewritetable";

    @Override
    protected void configure() {
        bind(DomainListManagement.class).in(Scopes.SINGLETON);
        bind(UsersRepositoryManagement.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTableManagement.class).in(Scopes.SINGLETON);
        bind(DomainListManagementMBean.class).to(DomainListManagement.class);
        bind(UsersRepositoryManagementMBean.class).to(UsersRepositoryManagement.class);
        bind(RecipientRewriteTableManagementMBean.class).to(RecipientRewriteTableManagement.class);
    }

    @Provides
    @Singleton
    JmxConfiguration configuration(PropertiesProvider properties) throws ConfigurationException {
        try {
            return JmxConfiguration.fromProperties(properties.getConfiguration("jmx"));
        } catch (FileNotFoundException absent) {
            // No jmx.properties: no remote JMX at all rather than James' default port 9999 on every interface.
            return JmxConfiguration.DISABLED;
        }
    }

    @ProvidesIntoSet
    InitializationOperation startJmx(JMXServer server,
                                     DomainListManagementMBean domains,
                                     UsersRepositoryManagementMBean users,
                                     RecipientRewriteTableManagementMBean rewriteTable) {
        return InitilizationOperationBuilder.forClass(JMXServer.class)
            .init(() -> {
                server.start();
                server.register(DOMAIN_LIST, domains);
                server.register(USERS, users);
                server.register(REWRITE_TABLE, rewriteTable);
            });
    }
}
