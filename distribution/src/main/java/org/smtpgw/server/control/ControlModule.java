package org.smtpgw.server.control;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.smtpgw.mailets.control.GatewayTasks;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The control channel of the bundled server: the management files in {@code ControlPath} (polled by
 * {@link ControlFileService}, started with the server) and the WebAdmin routes of {@link TasksRoutes}.
 * {@link GatewayTasks} is created with the injector (eager), so its {@code task_*_running} statistics exist from
 * the start, before any mail or control command needs it.
 */
public class ControlModule extends AbstractModule {
    private final ControlSettings settings;

    public ControlModule(ControlSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(ControlSettings.class).toInstance(settings);
        bind(GatewayTasks.class).asEagerSingleton();
        bind(ControlFileService.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(TasksRoutes.class);
    }

    @ProvidesIntoSet
    InitializationOperation startControlFiles(ControlFileService service) {
        return InitilizationOperationBuilder.forClass(ControlFileService.class).init(service::start);
    }

    @ProvidesIntoSet
    InitializationOperation retryQueuedMailOnSenderStart(RetryQueuedMailOnSenderStart retry) {
        return InitilizationOperationBuilder.forClass(RetryQueuedMailOnSenderStart.class).init(retry::register);
    }
}
