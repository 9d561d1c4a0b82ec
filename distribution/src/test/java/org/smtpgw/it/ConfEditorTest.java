package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfEditorTest {

    @Test
    void setShouldReplaceEveryLineOfARepeatedKeyInItsSectionOnly() {
        String text = "[smtpgw.network]\nListenOn=0.0.0.0:25\nListenOn=10.0.0.1:25\nHostname=a\n\n[smtpgw.forward]\nListenOn=x\n";

        String edited = new ConfEditor(text).set("smtpgw.network", "ListenOn", "127.0.0.1:2525").text();

        assertThat(edited).isEqualTo("[smtpgw.network]\nListenOn=127.0.0.1:2525\nHostname=a\n\n[smtpgw.forward]\nListenOn=x\n");
    }

    @Test
    void setShouldAddAMissingKeyAtTheEndOfItsSectionAndAMissingSectionAtTheEnd() {
        String text = "[a]\nx=1\n\n[b]\ny=2\n";

        String edited = new ConfEditor(text).set("a", "z", "3").set("c", "w", "4", "5").text();

        assertThat(edited).isEqualTo("[a]\nx=1\nz=3\n\n[b]\ny=2\n\n[c]\nw=4\nw=5\n");
    }
}
