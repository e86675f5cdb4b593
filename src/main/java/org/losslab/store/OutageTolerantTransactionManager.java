package org.losslab.store;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transaction manager of the one DataSource. It differs from Spring's in one respect: when the
 * connection is gone (SQLSTATE class 08, an admin shutdown), a rollback that cannot be sent is
 * taken as done, because PostgreSQL rolls back the open transaction of a connection that ends. A
 * failed commit is rolled back the same way. Spring would otherwise report the transaction's
 * outcome as unknown, and Spring Batch then marks the step UNKNOWN and stops it for good; this way
 * the step sees an ordinary rollback, and the retry of its chunk (docs/reliability.md) can run. A
 * commit whose answer was lost may in fact have happened: the retry reloads the step's progress
 * from the database before it runs the chunk again.
 */
public class OutageTolerantTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(OutageTolerantTransactionManager.class);

    public OutageTolerantTransactionManager(DataSource dataSource) {
        super(dataSource);
        setRollbackOnCommitFailure(true);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (RuntimeException e) {
            if (TransientDatabaseErrors.connectionLoss(e) == null && !connectionClosed()) {
                throw e;
            }
            log.debug("rollback not sent, the connection is gone (the server rolls the transaction back): {}",
                    TransientDatabaseErrors.describe(e));
        }
    }

    /** Whether the transaction's connection is closed (the pool closes one that reported a lost connection). */
    private boolean connectionClosed() {
        Object holder = TransactionSynchronizationManager.getResource(obtainDataSource());
        if (!(holder instanceof ConnectionHolder h)) {
            return false;
        }
        try {
            return h.getConnection().isClosed();
        } catch (SQLException e) {
            return true;
        } catch (IllegalStateException noConnection) {
            return false;
        }
    }
}
