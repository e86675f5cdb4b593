package org.losslab.support;

import org.losslab.LosslabApplication;
import org.losslab.faults.FaultsConfiguration;
import org.losslab.pipeline.NumericsEnvironment;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * losslab's Spring context in the test's JVM, on the database the test pointed it at
 * ({@link TestDatabase#useInProcess()}), with the numerics pinned as a launch pins them and the fault
 * seam active (tests inject faults through {@link org.losslab.faults.InjectedFaults}).
 */
public final class InProcess {

    private InProcess() {
    }

    public static ConfigurableApplicationContext start() {
        NumericsEnvironment.configure();
        return new SpringApplicationBuilder(LosslabApplication.class).web(WebApplicationType.NONE)
                .registerShutdownHook(false).properties(FaultsConfiguration.ENABLED + "=true").run();
    }
}
