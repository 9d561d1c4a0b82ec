package org.smtpgw.mailets.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;

/** A MailRepositoryStore holding two given repositories (the server's store needs Guice). */
final class SingleRepositories implements MailRepositoryStore {
    private final Map<MailRepositoryUrl, MailRepository> repositories;

    SingleRepositories(MailRepository first, MailRepository second, MailRepositoryUrl firstUrl, MailRepositoryUrl secondUrl) {
        this.repositories = Map.of(firstUrl, first, secondUrl, second);
    }

    @Override
    public MailRepository select(MailRepositoryUrl url) {
        return Optional.ofNullable(repositories.get(url)).orElseThrow(() -> new IllegalArgumentException("no " + url.asString()));
    }

    @Override
    public Optional<Protocol> defaultProtocol() {
        return Optional.of(new Protocol("memory"));
    }

    @Override
    public Optional<MailRepository> get(MailRepositoryUrl url) {
        return Optional.ofNullable(repositories.get(url));
    }

    @Override
    public Stream<MailRepository> getByPath(MailRepositoryPath path) {
        return repositories.entrySet().stream().filter(e -> e.getKey().getPath().equals(path)).map(Map.Entry::getValue);
    }

    @Override
    public Stream<MailRepositoryUrl> getUrls() {
        return repositories.keySet().stream();
    }
}
