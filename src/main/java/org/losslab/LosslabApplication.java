package org.losslab;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot entry point; the command line lives in {@code org.losslab.cli}. */
@SpringBootApplication
public class LosslabApplication {

    public static void main(String[] args) {
        System.exit(org.losslab.cli.Main.run(args));
    }
}
