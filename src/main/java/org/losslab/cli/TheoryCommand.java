package org.losslab.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab theory ...}: spin-glass complexity theory on the command line, one {@code name value}
 * pair per line for scripts (science.md §B). Needs no database.
 */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Spin-glass complexity theory (Auffinger, Ben Arous & Cerny), machine-readable output.",
        subcommands = {TheoryCommand.Thresholds.class, TheoryCommand.Complexity.class, TheoryCommand.KacRice.class})
class TheoryCommand {

    static int print(List<String> lines) {
        lines.forEach(System.out::println);
        return ExitCodes.OK;
    }

    @Command(name = "thresholds", mixinStandardHelpOptions = true,
            description = "E_inf, then E_0 .. E_K: the energy thresholds of the layered structure (science.md §B.5).")
    static class Thresholds implements Callable<Integer> {
        @Option(names = "--p", required = true, description = "Interaction order p (>= 2).")
        int p;
        @Option(names = "--k", defaultValue = "5", description = "Largest index K (default ${DEFAULT-VALUE}).")
        int k;

        @Override
        public Integer call() {
            return print(TheoryCommands.thresholds(p, k));
        }
    }

    @Command(name = "complexity", mixinStandardHelpOptions = true,
            description = "theta_0 .. theta_K and theta_total at energy density u (science.md §B.4).")
    static class Complexity implements Callable<Integer> {
        @Option(names = "--p", required = true, description = "Interaction order p (>= 2).")
        int p;
        @Option(names = "--k", defaultValue = "5", description = "Largest index K (default ${DEFAULT-VALUE}).")
        int k;
        @Option(names = "--u", required = true, description = "Energy density u = H/N.")
        double u;

        @Override
        public Integer call() {
            return print(TheoryCommands.complexity(p, k, u));
        }
    }

    @Command(name = "kac-rice", mixinStandardHelpOptions = true,
            description = "Finite-N expected numbers of critical points by GOE Monte Carlo on the exact identity "
                    + "(science.md §B.2): 'total <mean> <se>', then 'k=<k> <mean> <se>' for k = 0..N-1.")
    static class KacRice implements Callable<Integer> {
        @Option(names = "--p", required = true, description = "Interaction order p (>= 2).")
        int p;
        @Option(names = "--n", required = true, description = "Dimension N (>= 2).")
        int n;
        @Option(names = "--samples", required = true, description = "GOE samples (>= 1).")
        long samples;
        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--u", description = "Count critical points with H/N <= U only (default: all energies).")
        Double u;
        @Option(names = "--theta", description = "Rank-one perturbation strength (science.md §C.3 (ii)).")
        Double theta;

        @Override
        public Integer call() {
            return print(TheoryCommands.kacRice(p, n, samples, seed, u, theta));
        }
    }
}
