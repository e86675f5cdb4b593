package org.losslab;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application: its package is the root of component scanning. The program's entry
 * point, which starts it for the commands that need it, is {@code org.losslab.cli.Main}.
 */
@SpringBootApplication
public class LosslabApplication {
}
