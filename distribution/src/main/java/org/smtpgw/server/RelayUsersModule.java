package org.smtpgw.server;

import org.apache.james.UserEntityValidator;
import org.apache.james.adapter.mailbox.UserRepositoryAuthorizator;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Users in memory, configured from {@code usersrepository.xml}: a relay has no mailboxes, but James' SMTP
 * AUTH hook and WebAdmin's user routes need a users repository. Written here rather than taken from
 * {@code james-server-guice-memory}, which would pull in James' whole mailbox and JMAP stack.
 */
public class RelayUsersModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(UsersRepository.class).to(MemoryUsersRepository.class);
        bind(Authorizator.class).to(UserRepositoryAuthorizator.class);
    }

    @Provides
    @Singleton
    MemoryUsersRepository usersRepository(DomainList domainList, UserEntityValidator validator) {
        MemoryUsersRepository repository = MemoryUsersRepository.withVirtualHosting(domainList);
        repository.setValidator(validator);
        return repository;
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider provider, MemoryUsersRepository repository) {
        return InitilizationOperationBuilder.forClass(MemoryUsersRepository.class)
            .init(() -> repository.configure(provider.getConfiguration("usersrepository")));
    }
}
