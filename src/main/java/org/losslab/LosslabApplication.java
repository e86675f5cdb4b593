package org.losslab;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The Spring Boot application: its package is the root of component scanning. The program's entry
 * point, which starts it for the commands that need it, is {@code org.losslab.cli.Main}. The web view
 * ({@code org.losslab.serve}) is left out of the scan: only {@code losslab serve} adds it, so no other
 * command builds a web layer.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.losslab\\.serve\\..*")})
public class LosslabApplication {
}
