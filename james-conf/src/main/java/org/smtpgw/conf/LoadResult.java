package org.smtpgw.conf;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link ConfigLoader#load} found: every problem (errors and warnings, in file order), and the typed
 * configuration when there was no error.
 */
public record LoadResult(List<ConfigProblem> problems, Optional<GatewayConfig> config) {

    public LoadResult {
        problems = List.copyOf(problems);
        if (config.isPresent() && problems.stream().anyMatch(ConfigProblem::isError)) {
            throw new IllegalArgumentException("a configuration with errors must not be returned");
        }
    }

    public boolean isValid() {
        return config.isPresent();
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The problems one per line, as {@code smtpgw -t} prints them; empty when there are none. */
    public String render() {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n", "", problems.isEmpty() ? "" : "\n"));
    }
}
