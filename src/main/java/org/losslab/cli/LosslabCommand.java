package org.losslab.cli;

import picocli.CommandLine.Command;

/** The {@code losslab} command and its subcommands. */
@Command(name = "losslab", mixinStandardHelpOptions = true, version = "losslab 0.1.0",
        description = "Restartable experiments on the loss surfaces of neural networks (Spring Batch on PostgreSQL).",
        subcommands = {RunCommand.class, RestartCommand.class, StatusCommand.class, StopCommand.class, RerunCommand.class,
                ScheduleCommand.class, WorkerCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:completed", "1:failed (restartable)", "2:usage or input error (nothing written)",
                "3:stopped (restartable)", "4:refused: another live process owns the job, or it is already done",
                "5:database unreachable"})
public class LosslabCommand {
}
