package org.smtpgw.scanner.clamd;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real clamd per test class with the private database of {@link SignatureFixtures} and stops it
 * after the class; test methods and constructors receive it as a {@link ClamdProcess} parameter.
 *
 * <pre>{@code
 * @ExtendWith(ClamdExtension.class)
 * class SomeTest {
 *     @Test
 *     void scans(ClamdProcess clamd) { ... clamd.tcpConfig().build() ... }
 * }
 * }</pre>
 *
 * When {@code /usr/sbin/clamd} is missing the class fails (it is not skipped): apt-get install clamav-daemon.
 */
public final class ClamdExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClamdExtension.class);
    private static final String KEY = "clamd";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put(KEY, SignatureFixtures.clamdOptions().start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ClamdProcess clamd = context.getStore(NAMESPACE).remove(KEY, ClamdProcess.class);
        if (clamd != null) {
            clamd.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClamdProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
        throws ParameterResolutionException {
        ClamdProcess clamd = context.getStore(NAMESPACE).get(KEY, ClamdProcess.class);
        if (clamd == null) {
            throw new ParameterResolutionException("clamd was not started: is the class annotated with "
                + "@ExtendWith(ClamdExtension.class)?");
        }
        return clamd;
    }
}
