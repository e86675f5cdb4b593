# Sourced by ./losslab: chooses the OpenBLAS kernel (OPENBLAS_CORETYPE) for a losslab command.
# The bundled OpenBLAS 0.3.19 does not know recent AVX-512 CPUs and falls back to its SSE3 (Prescott) kernels,
# 4-5x slower: choose its AVX-512 kernels when the CPU has them, unless OPENBLAS_CORETYPE is set. The kernel
# changes bits like the thread count: recorded in provenance (docs/performance.md, OpenBLAS kernel).
# LOSSLAB_OPENBLAS_CORETYPE chooses the kernel for losslab alone, over a machine-wide OPENBLAS_CORETYPE.
# A machine-wide choice slower than the CPU allows is kept (an operator's setting, and the bits of earlier
# results depend on it), with one warning on the commands that compute.
#   losslab_openblas_kernel CPUINFO COMMAND
losslab_openblas_kernel() {
  local cpuinfo="$1" command="$2" avx512=0
  if grep -qw avx512f "$cpuinfo" 2>/dev/null && grep -qw avx512bw "$cpuinfo" && grep -qw avx512dq "$cpuinfo" \
     && grep -qw avx512vl "$cpuinfo"; then
    avx512=1
  fi
  if [ -n "${LOSSLAB_OPENBLAS_CORETYPE:-}" ]; then
    export OPENBLAS_CORETYPE="$LOSSLAB_OPENBLAS_CORETYPE"
  elif [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    if [ "$avx512" = 1 ]; then
      export OPENBLAS_CORETYPE=SkylakeX
    fi
  elif [ "$avx512" = 1 ] && ! [[ "${OPENBLAS_CORETYPE,,}" =~ ^(skylakex|cooperlake|sapphirerapids)$ ]]; then
    case "$command" in
      run|restart|worker|bench)
        echo "losslab: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment on a CPU with AVX-512: SGEMM runs" \
             "about half as fast as with SkylakeX, or slower; set LOSSLAB_OPENBLAS_CORETYPE=SkylakeX to use it for" \
             "losslab (docs/performance.md#openblas-kernel)" >&2 ;;
    esac
  fi
}
