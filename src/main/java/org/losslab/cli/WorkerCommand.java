package org.losslab.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.losslab.ExitCodes;
import org.losslab.job.HeartbeatService;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.remote.RemoteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import picocli.CommandLine.Command;
import sun.misc.Signal;

/**
 * {@code losslab worker}: takes partitions from the queue ({@code LOSSLAB_AMQP_URL},
 * {@code LOSSLAB_AMQP_QUEUE}) and trains them, {@code LOSSLAB_THREADS} at a time, against the
 * shared PostgreSQL. Runs until SIGTERM or Ctrl-C: it then takes no new partitions, stops the
 * running ones after their current epoch (they end STOPPED and are resumed by {@code restart}) and
 * exits 0.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker that trains partitions sent by 'losslab run SPEC --remote' (until SIGTERM).")
class WorkerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open("worker")) {
            Lifecycle inbound = ctx.getBean("partitionInbound", Lifecycle.class);
            inbound.start();
            log.info("worker {} on {} ready: {} partition thread(s), {} OpenMP thread(s) each, {}",
                    ProcessHandle.current().pid(), ctx.getBean(HeartbeatService.class).host(),
                    NumericsEnvironment.partitionThreads(), NumericsEnvironment.configure(),
                    ctx.getBean(RemoteSettings.class).describe());
            stop.await();
            log.warn("worker shutting down: no new partitions; running ones stop after their current epoch");
            ctx.getBean(org.losslab.remote.WorkerEndpoint.class).shutdown();
            inbound.stop();
            log.info("worker {} stopped", ProcessHandle.current().pid());
        }
        return ExitCodes.OK;
    }
}
