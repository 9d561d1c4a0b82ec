package org.smtpgw.conf;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parameter tables of {@code docs/configuration.md}, rendered from {@link Parameter}. A test checks that
 * the document contains exactly this text between its {@code parameters:begin} and {@code parameters:end}
 * markers, so the reference and the code cannot drift apart.
 */
public final class ParameterReference {

    public static final String BEGIN = "<!-- parameters:begin (generated from Parameter.java; ParameterReferenceTest checks it) -->";
    public static final String END = "<!-- parameters:end -->";

    private ParameterReference() {
    }

    public static String markdown() {
        StringBuilder b = new StringBuilder();
        for (ConfSection s : ConfSection.values()) {
            List<Parameter> params = Arrays.stream(Parameter.values()).filter(p -> p.section() == s).toList();
            b.append("### [").append(s.label()).append("]\n\n").append(s.description());
            if (s.required()) {
                b.append(" The section is required.");
            }
            b.append("\n\n");
            if (s == ConfSection.GROUP) {
                b.append("Every parameter of `[smtpgw.policy]` may also be given here (optional), plus:\n\n");
            }
            b.append("| Parameter | Allowed values | Default | Meaning | Becomes |\n");
            b.append("|---|---|---|---|---|\n");
            for (Parameter p : params) {
                b.append("| ").append(nameCell(p))
                    .append(" | ").append(cell(p.allowedDescription()))
                    .append(" | ").append(defaultCell(p))
                    .append(" | ").append(cell(p.meaning()))
                    .append(" | ").append(cell(p.james()))
                    .append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String nameCell(Parameter p) {
        StringBuilder b = new StringBuilder("`").append(p.canonicalName()).append('`');
        if (p.required()) {
            b.append(" **required**");
        }
        if (p.repeatable()) {
            b.append(" (repeatable)");
        }
        if (!p.aliases().isEmpty()) {
            b.append("<br>alias ").append(p.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")));
        }
        if (!p.alsoIn().isEmpty()) {
            b.append("<br>also in ").append(p.alsoIn().stream().map(s -> "[" + s.label() + "]")
                .collect(Collectors.joining(", ")));
        }
        switch (p.origin()) {
            case EXTENSION -> b.append("<br>*smtpgw addition*");
            case PROJECT -> b.append("<br>*values defined by smtpgw*");
            case TEST -> b.append("<br>*for testing only*");
            default -> { }
        }
        return b.toString();
    }

    private static String defaultCell(Parameter p) {
        if (p.defaultValue().isEmpty()) {
            return p.required() ? "—" : "(none)";
        }
        String d = p.defaultValue().get();
        return d.isEmpty() ? "(empty)" : "`" + cell(d) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
