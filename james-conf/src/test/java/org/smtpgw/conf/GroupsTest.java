package org.smtpgw.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.conf.model.GroupPolicy;
import org.smtpgw.conf.model.ObjectAction;
import org.smtpgw.conf.model.ObjectStatus;

class GroupsTest {

    @TempDir
    Path home;

    @Test
    void groupShouldInheritEveryKeyItOmitsFromThePolicy() {
        GatewayConfig c = ConfFixture.valid()
            .with("smtpgw.policy", "BlockMessage", "infected")
            .with("smtpgw.policy", "IncludeByName", "*.exe")
            .with("smtpgw.group:sales", "Recipients", "*@sales.example.com")
            .with("smtpgw.group:sales", "ActionInfected", "placeholder")
            .load(home).config().orElseThrow();

        GroupPolicy sales = c.groups().get(0);
        assertThat(sales.name()).isEqualTo("sales");
        assertThat(sales.processorName()).isEqualTo("group-sales");
        assertThat(sales.actions()).containsEntry(ObjectStatus.INFECTED, ObjectAction.PLACEHOLDER)
            .containsEntry(ObjectStatus.DISINFECTED, ObjectAction.CURE);
        assertThat(sales.blockMessage()).containsExactly(ObjectStatus.INFECTED);
        assertThat(sales.includeByName()).containsExactly("*.exe");
        assertThat(sales.adminNotifyAddress()).isEqualTo("admin@example.com");
        assertThat(sales.quarantineRepository()).isEqualTo(c.policy().quarantineRepository());
        assertThat(sales.check()).isTrue();
    }

    @Test
    void groupShouldDefaultTheMaskItOmitsToAnyAddress() {
        GatewayConfig c = ConfFixture.valid().with("smtpgw.group:boss", "Senders", "ceo@example.com, cfo@example.com")
            .load(home).config().orElseThrow();

        assertThat(c.groups().get(0).senders()).containsExactly("ceo@example.com", "cfo@example.com");
        assertThat(c.groups().get(0).recipients()).containsExactly("*@*");
    }

    @Test
    void groupsShouldKeepFileOrderWithThePolicyLast() {
        GatewayConfig c = ConfFixture.valid()
            .with("smtpgw.group:b", "Senders", "*@b.example")
            .with("smtpgw.group:a", "Senders", "*@a.example")
            .load(home).config().orElseThrow();

        assertThat(c.allGroups()).extracting(GroupPolicy::name).containsExactly("b", "a", "default");
        assertThat(c.policy().isDefault()).isTrue();
        assertThat(c.policy().senders()).containsExactly("*@*");
    }

    @Test
    void groupWithoutSendersOrRecipientsShouldBeAnError() {
        LoadResult r = ConfFixture.valid().with("smtpgw.group:empty", "Check", "false").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString()
            .startsWith("a group needs Senders or Recipients");
    }

    @Test
    void groupKeysShouldBeValidatedLikePolicyKeys() {
        LoadResult r = ConfFixture.valid().with("smtpgw.group:g", "Senders", "*@g.example")
            .with("smtpgw.group:g", "ActionSuspicious", "cure").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::toString).asString()
            .endsWith("[smtpgw.group:g] ActionSuspicious=cure: must be one of pass|remove|placeholder");
    }

    @Test
    void groupNamedDefaultShouldBeRefused() {
        LoadResult r = ConfFixture.valid().with("smtpgw.group:Default", "Senders", "*@x.example").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString().contains("not 'default'");
    }

    @Test
    void groupDefinedTwiceShouldBeAnError() {
        LoadResult r = ConfFixture.valid().with("smtpgw.group:g", "Senders", "*@x.example")
            .with("smtpgw.group:G", "Senders", "*@y.example").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString()
            .startsWith("the group is defined twice");
    }

    @Test
    void badAddressMaskShouldBeAnError() {
        LoadResult r = ConfFixture.valid().with("smtpgw.group:g", "Recipients", "*@x.example,nobody").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString()
            .startsWith("'nobody' is not an address mask");
    }

    @Test
    void sendersAndRecipientsShouldBeUnknownInThePolicy() {
        LoadResult r = ConfFixture.valid().with("smtpgw.policy", "Senders", "*@x.example").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString()
            .isEqualTo("unknown key in this section; Senders belongs in [smtpgw.group:NAME]");
    }
}
