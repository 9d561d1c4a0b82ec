package org.smtpgw.mailets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.headers.VirusHeaders;
import org.smtpgw.mailets.message.Backup;
import org.smtpgw.mailets.message.Block;
import org.smtpgw.mailets.message.Quarantine;
import org.smtpgw.mailets.notify.Notify;
import org.smtpgw.mailets.objects.ActOnObjects;
import org.smtpgw.mailets.scan.Scan;
import org.smtpgw.mailets.scan.ScanEngineRegistry;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * James creates every mailet with {@code injector.getInstance(class)}; the mailets must be constructible that way,
 * with only core bindings (here the MailRepositoryStore), and all Scan mailets must get the same engine registry.
 */
class GuiceInjectionTest {

    private final Injector injector = Guice.createInjector(binder ->
        binder.bind(MailRepositoryStore.class).toInstance(new InMemoryStore()));

    @Test
    void everyMailetShouldBeCreatedByGuice() {
        for (Class<?> mailet : new Class<?>[] {Scan.class, ActOnObjects.class, Backup.class, Quarantine.class,
            Notify.class, Block.class, VirusHeaders.class}) {
            assertThat(injector.getInstance(mailet)).as(mailet.getSimpleName()).isInstanceOf(mailet);
        }
    }

    @Test
    void scanMailetsShouldShareOneRegistry() throws Exception {
        Scan first = injector.getInstance(Scan.class);
        Scan second = injector.getInstance(Scan.class);

        assertThat(first).isNotSameAs(second);
        assertThat(registry(first)).isSameAs(registry(second)).isSameAs(injector.getInstance(ScanEngineRegistry.class));
    }

    private static Object registry(Scan scan) throws ReflectiveOperationException {
        Field field = Scan.class.getDeclaredField("registry");
        field.setAccessible(true);
        return field.get(scan);
    }

    private static final class InMemoryStore implements MailRepositoryStore {
        @Override
        public org.apache.james.mailrepository.api.MailRepository select(org.apache.james.mailrepository.api.MailRepositoryUrl url) {
            return new org.apache.james.mailrepository.memory.MemoryMailRepository();
        }

        @Override
        public java.util.Optional<org.apache.james.mailrepository.api.Protocol> defaultProtocol() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<org.apache.james.mailrepository.api.MailRepository> get(
            org.apache.james.mailrepository.api.MailRepositoryUrl url) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.stream.Stream<org.apache.james.mailrepository.api.MailRepository> getByPath(
            org.apache.james.mailrepository.api.MailRepositoryPath path) {
            return java.util.stream.Stream.empty();
        }

        @Override
        public java.util.stream.Stream<org.apache.james.mailrepository.api.MailRepositoryUrl> getUrls() {
            return java.util.stream.Stream.empty();
        }
    }
}
