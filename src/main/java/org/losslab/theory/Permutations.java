package org.losslab.theory;

import java.util.ArrayList;
import java.util.List;

/** All permutations of {0,…,p−1}, used to symmetrize coupling tensors. */
final class Permutations {

    private Permutations() {
    }

    static int[][] all(int p) {
        List<int[]> out = new ArrayList<>();
        permute(new int[p], new boolean[p], 0, out);
        return out.toArray(new int[0][]);
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[pos] = i;
                permute(cur, used, pos + 1, out);
                used[i] = false;
            }
        }
    }
}
