// What this browser's WebGPU can do, detected once; embedding and generation both decide by it.
import { create } from 'zustand';
import type { GpuCapabilities } from '../../adapters/generator/generator';
import { detectGpuCapabilities } from '../../adapters/generator/gpuCapabilities';

interface GpuState {
  caps: GpuCapabilities | null;
  detect(): Promise<GpuCapabilities>;
}

let pending: Promise<GpuCapabilities> | null = null;

export const useGpuStore = create<GpuState>()((set) => ({
  caps: null,
  detect() {
    pending ??= detectGpuCapabilities().then((caps) => {
      set({ caps });
      return caps;
    });
    return pending;
  },
}));
