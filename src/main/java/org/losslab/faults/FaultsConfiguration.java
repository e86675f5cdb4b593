package org.losslab.faults;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Chooses the {@link Faults} of this process: {@link InjectedFaults} when the property
 * {@value #ENABLED} is true (the tests set it; {@code scripts/chaos.sh} sets the environment variable
 * {@code LOSSLAB_FAULTS_ENABLED}, which Spring binds to it), {@link NoFaults} otherwise. A fault variable
 * in the environment of a process without the property is ignored, with a warning.
 */
@Configuration(proxyBeanMethods = false)
public class FaultsConfiguration {

    public static final String ENABLED = "losslab.faults.enabled";

    private static final Logger log = LoggerFactory.getLogger(FaultsConfiguration.class);

    @Bean
    Faults faults(Environment environment) {
        if (environment.getProperty(ENABLED, Boolean.class, false)) {
            log.info("fault injection is enabled ({}=true): this process is a test", ENABLED);
            return new InjectedFaults(System.getenv());
        }
        for (String v : new String[] {"LOSSLAB_CHAOS_PAUSE", "LOSSLAB_FAIL_ONCE"}) {
            if (System.getenv(v) != null) {
                log.warn("{} is set but ignored: fault injection needs {}=true", v, ENABLED);
            }
        }
        return new NoFaults();
    }
}
