package org.termsguard.alert.dashboard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardSessionTest {

    @Test
    void onlyTheDemoProfileMayOpenTheDashboardWithoutALogin() {
        assertThatThrownBy(() -> DashboardSession.check(true, true, List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only with the demo profile");
        assertThatThrownBy(() -> DashboardSession.check(true, false, List.of("prod", "demo")))
                .hasMessageContaining("needs termsguard.alert.dashboard.demo-token");
        assertThatCode(() -> DashboardSession.check(true, true, List.of("prod", "demo")))
                .doesNotThrowAnyException();
        assertThatCode(() -> DashboardSession.check(false, false, List.of("prod")))
                .doesNotThrowAnyException();
    }
}
