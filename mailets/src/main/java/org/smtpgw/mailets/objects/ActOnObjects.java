package org.smtpgw.mailets.objects;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.activation.DataHandler;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.common.Messages;
import org.smtpgw.mailets.notify.MacroValues;
import org.smtpgw.mailets.notify.Template;
import org.smtpgw.mailets.scan.MessageBytes;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ScannedObject;

/**
 * Acts on the objects of a scanned message by status ({@code ActionInfected}, ...): passes, removes, replaces by a
 * placeholder, or replaces by the cured content. Needs the verdict of {@code Scan} on the mail.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.objects.ActOnObjects">
 *   <actionInfected>remove</actionInfected>         <!-- pass | remove | placeholder; default pass -->
 *   <actionSuspicious>placeholder</actionSuspicious> <!-- pass | remove | placeholder; default pass -->
 *   <actionProtected>pass</actionProtected>         <!-- pass | remove | placeholder; default pass -->
 *   <actionError>pass</actionError>                 <!-- pass | remove | placeholder; default pass -->
 *   <actionDisinfected>cure</actionDisinfected>     <!-- cure | pass | remove | placeholder; default pass -->
 *   <actionFiltered>remove</actionFiltered>         <!-- cure (= pass) | pass | remove | placeholder; default pass -->
 *   <placeholderTemplate>/etc/smtpgw/templates/placeholder.txt</placeholderTemplate>
 *                                                   <!-- default classpath:templates/placeholder.txt -->
 *   <keepOriginal>true</keepOriginal>               <!-- keep the unchanged message for Backup, Quarantine and
 *                                                        Notify attachOriginal; default true -->
 *   <hostname>gw1.example.com</hostname>            <!-- ${hostname} in the placeholder; default this host's name -->
 * </mailet>
 * }</pre>
 *
 * <h2>How</h2>
 * An object found inside an archive or an attached message is acted on through the <em>top-level</em> MIME part that
 * carries it (part {@code 2} for {@code 2.1/report.zip/a.exe}); that part is treated with the most severe status of
 * everything it carries (infected &gt; suspicious &gt; error &gt; protected &gt; disinfected &gt; filtered &gt;
 * clean). {@code remove} takes the part out; {@code placeholder} puts a text/plain part made from the template in
 * its place ({@link Template#PLACEHOLDER_MACROS}); {@code cure} replaces each disinfected MIME part below it with
 * its cured content, keeping its headers. {@code cure} is only meaningful for {@code disinfected}: filtered
 * objects were not scanned and have nothing cured, so {@code cure} passes them (the manual allows the value). For the
 * body of a single-part message (part {@code 1}) {@code remove} leaves an empty text body. When every part of a
 * multipart is removed, an empty text part stays, so the message stays valid MIME. Headers are kept, the
 * Message-ID included.
 *
 * <p>The cured content Scan left on the mail is dropped once used. The actions taken are recorded per object in {@value VerdictAttributes#ACTIONS_NAME} for the notifications.
 * With {@code keepOriginal}, when the message was changed, the message as it was is kept in
 * {@value VerdictAttributes#ORIGINAL_NAME}, so {@code Backup}, {@code Quarantine} and {@code Notify} placed after
 * this mailet still store and attach the original (it costs a copy of the message while the mail is processed).
 *
 * <p>A mail without a verdict is an error (this mailet is placed after {@code Scan}): it goes to James'
 * {@code onMailetException} handling rather than out unscanned.
 */
public class ActOnObjects extends GenericMailet {
    public static final String ACTION_INFECTED = "actionInfected";
    public static final String ACTION_SUSPICIOUS = "actionSuspicious";
    public static final String ACTION_PROTECTED = "actionProtected";
    public static final String ACTION_ERROR = "actionError";
    public static final String ACTION_DISINFECTED = "actionDisinfected";
    public static final String ACTION_FILTERED = "actionFiltered";
    public static final String PLACEHOLDER_TEMPLATE = "placeholderTemplate";
    public static final String KEEP_ORIGINAL = "keepOriginal";
    public static final String HOSTNAME = "hostname";
    public static final String DEFAULT_PLACEHOLDER_TEMPLATE = "classpath:templates/placeholder.txt";

    private static final Logger LOGGER = LoggerFactory.getLogger(ActOnObjects.class);
    private static final Set<String> PARAMETERS = Set.of(ACTION_INFECTED, ACTION_SUSPICIOUS, ACTION_PROTECTED,
        ACTION_ERROR, ACTION_DISINFECTED, ACTION_FILTERED, PLACEHOLDER_TEMPLATE, KEEP_ORIGINAL, HOSTNAME);
    private static final Set<String> BASIC = Set.of("pass", "remove", "placeholder");
    private static final Set<String> WITH_CURE = Set.of("pass", "remove", "placeholder", "cure");

    record Config(Map<ObjectStatus, ObjectAction> actions, Template placeholder, boolean keepOriginal, String hostname) {
        ObjectAction actionFor(ObjectStatus status) {
            return actions.getOrDefault(status, ObjectAction.PASS);
        }
    }

    private Config config;

    @Inject
    public ActOnObjects() {
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        Map<ObjectStatus, ObjectAction> actions = new EnumMap<>(ObjectStatus.class);
        actions.put(ObjectStatus.INFECTED, action(parameters, ACTION_INFECTED, BASIC));
        actions.put(ObjectStatus.SUSPICIOUS, action(parameters, ACTION_SUSPICIOUS, BASIC));
        actions.put(ObjectStatus.PROTECTED, action(parameters, ACTION_PROTECTED, BASIC));
        actions.put(ObjectStatus.ERROR, action(parameters, ACTION_ERROR, BASIC));
        actions.put(ObjectStatus.DISINFECTED, action(parameters, ACTION_DISINFECTED, WITH_CURE));
        ObjectAction filtered = action(parameters, ACTION_FILTERED, WITH_CURE);
        actions.put(ObjectStatus.FILTERED, filtered == ObjectAction.CURE ? ObjectAction.PASS : filtered);
        actions.put(ObjectStatus.CLEAN, ObjectAction.PASS);
        Template placeholder;
        try {
            placeholder = Template.load(parameters.string(PLACEHOLDER_TEMPLATE, DEFAULT_PLACEHOLDER_TEMPLATE),
                Template.PLACEHOLDER_MACROS);
        } catch (IllegalArgumentException e) {
            throw parameters.error(PLACEHOLDER_TEMPLATE, e.getMessage());
        }
        config = new Config(Map.copyOf(actions), placeholder, parameters.bool(KEEP_ORIGINAL, true),
            parameters.optional(HOSTNAME).filter(value -> !value.isEmpty())
                .orElseGet(org.smtpgw.mailets.notify.Notifications::localHostName));
    }

    private static ObjectAction action(MailetParameters parameters, String name, Set<String> allowed)
        throws MailetException {
        return ObjectAction.valueOf(parameters.oneOf(name, "pass", allowed).toUpperCase(java.util.Locale.ROOT));
    }

    Config config() {
        return config;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        ScanResult result = VerdictAttributes.read(mail).orElseThrow(() -> new MailetException(getMailetName()
            + ": mail " + mail.getName() + " carries no scan verdict; place ActOnObjects after Scan"));
        MessageVerdict verdict = result.verdict();
        Map<String, ObjectAction> planned = new LinkedHashMap<>();
        List<Map.Entry<String, ObjectStatus>> parts = new ArrayList<>(verdict.statusByTopLevelPart().entrySet());
        // Highest part number first, so removing a part does not renumber the ones still to do.
        parts.sort((a, b) -> Integer.compare(Integer.parseInt(b.getKey()), Integer.parseInt(a.getKey())));
        for (Map.Entry<String, ObjectStatus> part : parts) {
            ObjectAction action = config.actionFor(part.getValue());
            planned.put(part.getKey(), action == ObjectAction.CURE && part.getValue() != ObjectStatus.DISINFECTED
                ? ObjectAction.PASS : action);
        }
        Map<String, String> taken = new LinkedHashMap<>(result.actions());
        if (planned.values().stream().allMatch(action -> action == ObjectAction.PASS)) {
            record(verdict, planned, taken);
            VerdictAttributes.storeActions(mail, taken);
            VerdictAttributes.dropCuredContent(mail);
            return;
        }
        // Work on a private copy: the mail's message may be shared with the other groups' copies of the mail
        // (James copies on write, but not through the multipart objects javax.mail hands out).
        byte[] original = MessageBytes.of(mail.getMessage());
        MimeMessage working = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(original));
        boolean changed = false;
        try {
            for (Map.Entry<String, ObjectStatus> part : parts) {
                ObjectAction action = planned.get(part.getKey());
                if (action == ObjectAction.PASS) {
                    continue;
                }
                if (!apply(mail, result, working, part.getKey(), part.getValue(), action)) {
                    // The scan saw a part that javax.mail does not: never let it through unacted.
                    throw new MailetException(getMailetName() + ": cannot " + action.configName() + " part "
                        + part.getKey() + " (" + part.getValue().configName() + ") of mail " + mail.getName()
                        + ": the message's MIME structure differs from the one scanned");
                }
                changed = true;
            }
        } catch (IOException e) {
            throw new MessagingException("cannot rewrite message " + mail.getName() + ": " + e.getMessage(), e);
        }
        if (changed) {
            Messages.saveKeepingMessageId(working);
            mail.setMessage(working);
            if (config.keepOriginal()) {
                VerdictAttributes.storeOriginal(mail, original);
            }
        }
        record(verdict, planned, taken);
        VerdictAttributes.storeActions(mail, taken);
        VerdictAttributes.dropCuredContent(mail);
        LOGGER.debug("{}: object actions {}", mail.getName(), taken);
    }

    private static void record(MessageVerdict verdict, Map<String, ObjectAction> planned, Map<String, String> taken) {
        for (ScannedObject object : verdict.objects()) {
            ObjectAction action = planned.get(object.path().topLevelPart());
            if (action != null && object.status() != ObjectStatus.CLEAN) {
                taken.put(object.path().toString(), action.configName());
            }
        }
    }

    private boolean apply(Mail mail, ScanResult result, MimeMessage message, String part, ObjectStatus status,
                          ObjectAction action) throws MessagingException, IOException {
        switch (action) {
            case PASS:
                return false;
            case CURE:
                return cure(message, result.verdict(), part);
            case REMOVE:
                return replaceTopLevel(message, part, Optional.empty());
            case PLACEHOLDER:
                return replaceTopLevel(message, part, Optional.of(placeholder(mail, result, part, status)));
            default:
                throw new IllegalStateException("unknown action " + action);
        }
    }

    private MimeBodyPart placeholder(Mail mail, ScanResult result, String part, ObjectStatus status)
        throws MessagingException {
        Map<String, String> values = new LinkedHashMap<>(MacroValues.of(mail, result, config.hostname()));
        Optional<ScannedObject> carrier = result.verdict().object(part);
        values.put("name", org.smtpgw.mailets.notify.Notifications.sanitizeLine(
            carrier.flatMap(ScannedObject::name).orElse("(no name)")));
        values.put("type", carrier.map(ScannedObject::declaredType).orElse("application/octet-stream"));
        values.put("status", status.configName());
        values.put("action", ObjectAction.PLACEHOLDER.configName());
        values.put("virusNames", org.smtpgw.mailets.notify.Notifications.sanitizeLine(String.join(", ",
            result.verdict().objects().stream().filter(o -> o.path().topLevelPart().equals(part))
                .flatMap(o -> o.virusNames().stream()).distinct().toList())));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(config.placeholder().body(values), "UTF-8");
        text.setDisposition(Part.INLINE);
        carrier.flatMap(ScannedObject::name).ifPresent(name -> {
            try {
                text.setFileName(org.smtpgw.mailets.notify.Notifications.sanitizeLine(name) + ".txt");
            } catch (MessagingException e) {
                // Only a name could not be set; the placeholder text says what was replaced.
            }
        });
        return text;
    }

    /** Removes the top-level part, or replaces it by {@code replacement}. */
    private static boolean replaceTopLevel(MimeMessage message, String part, Optional<MimeBodyPart> replacement)
        throws MessagingException, IOException {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            int index = Integer.parseInt(part) - 1;
            if (index >= multipart.getCount()) {
                return false;
            }
            multipart.removeBodyPart(index);
            if (replacement.isPresent()) {
                multipart.addBodyPart(replacement.get(), index);
            } else if (multipart.getCount() == 0) {
                MimeBodyPart empty = new MimeBodyPart();
                empty.setText("", "UTF-8");
                multipart.addBodyPart(empty);
            }
            message.setContent(multipart);
            return true;
        }
        if (!part.equals("1")) {
            return false;
        }
        // The body of a single-part message: the message keeps its headers, the body becomes text.
        message.removeHeader("Content-Disposition");
        message.removeHeader("Content-Transfer-Encoding");
        if (replacement.isPresent()) {
            message.setText((String) replacement.get().getContent(), "UTF-8");
        } else {
            message.setText("", "UTF-8");
        }
        return true;
    }

    /** Replaces every disinfected MIME part carried by the top-level part with its cured content. */
    private static boolean cure(MimeMessage message, MessageVerdict verdict, String topLevel)
        throws MessagingException, IOException {
        boolean changed = false;
        for (ScannedObject object : verdict.objects()) {
            if (!object.path().topLevelPart().equals(topLevel) || object.curedContent().isEmpty()
                || !object.isMimePart()) {
                continue;
            }
            String number = object.path().part();
            Optional<MimePart> target = PartNavigator.find(message, number);
            if (target.isEmpty()) {
                return false;
            }
            MimePart part = target.get();
            String type = part.getContentType() == null ? "application/octet-stream" : part.getContentType();
            part.removeHeader("Content-Transfer-Encoding");
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(object.curedContent().get(), type)));
            part.setHeader("Content-Type", type);
            PartNavigator.commit(message, number);
            changed = true;
        }
        return changed;
    }

    @Override
    public String getMailetInfo() {
        return "Passes, removes, replaces or cures the objects of a scanned message by status";
    }
}
