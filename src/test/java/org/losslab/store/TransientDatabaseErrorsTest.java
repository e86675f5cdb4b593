package org.losslab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

/** What the retry inside a step retries (docs/reliability.md, "Retries inside a step"), and what it does not. */
class TransientDatabaseErrorsTest {

    @Test
    void lostConnectionsShutdownsAndLostRacesAreTransient() {
        for (String state : new String[] {"08006", "08001", "08003", "57P01", "57P02", "57P03", "40001", "40P01"}) {
            assertThat(TransientDatabaseErrors.isTransient(
                    new DataAccessResourceFailureException("wrapped", new SQLException("x", state)))).as(state).isTrue();
        }
        assertThat(TransientDatabaseErrors.isTransient(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("losslab - Connection is not available, request timed out")))).isTrue();
        assertThat(TransientDatabaseErrors.isTransient(new SQLException("Connection is closed"))).as("HikariCP").isTrue();
    }

    @Test
    void everythingElseIsNot() {
        assertThat(TransientDatabaseErrors.isTransient(
                new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(TransientDatabaseErrors.isTransient(new SQLException("syntax", "42601"))).isFalse();
        assertThat(TransientDatabaseErrors.isTransient(new SQLException("no state"))).isFalse();
        assertThat(TransientDatabaseErrors.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void connectionLossIsTheDeepestLostConnectionAndExcludesLostRaces() {
        SQLException refused = new SQLException("Connection refused", "08001");
        Exception e = new CannotCreateTransactionException("x", new SQLTransientConnectionException("timed out", refused));
        assertThat(TransientDatabaseErrors.connectionLoss(e)).isSameAs(refused);
        assertThat(TransientDatabaseErrors.connectionLoss(new SQLException("serialization", "40001"))).isNull();
        assertThat(TransientDatabaseErrors.describe(e)).isEqualTo("timed out");
    }
}
