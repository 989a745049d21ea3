import type {
  Appointment,
  Case,
  CaseMutationResult,
  Evaluation,
  EvaluationService,
  PreAcceptance,
} from '@zwfw/exchange-client';
import type {
  SimulatorApp,
  SimulatorCertificate,
  SimulatorHall,
  SimulatorItem,
  SimulatorResource,
  SimulatorSeed,
} from '../types';

/** A case plus the simulator's bookkeeping. */
export interface StoredCase {
  case: Case;
  /** The result returned to the submission (replayed in `CASE_EXISTS`). */
  original: CaseMutationResult;
  /** POST /cases requests that created or collided with this case (Idempotency-Key replays excluded). */
  submissions: number;
}

/** A certificate and its file: given bytes, or produced on first download (a rendered PDF) and then kept. */
export interface StoredCertificate {
  record: Omit<SimulatorCertificate, 'file'>;
  file(): Promise<Uint8Array>;
}

/** Produces the file of a seeded certificate that came without one. */
export type CertificateFileFactory = (certificate: Omit<SimulatorCertificate, 'file'>) => () => Promise<Uint8Array>;

/** Every piece of mutable platform state. `reset()` clears it and re-applies the initial seed. */
export class SimulatorState {
  items = new Map<string, SimulatorItem>();
  certificates = new Map<string, StoredCertificate>();
  resources = new Map<string, SimulatorResource>();
  apps = new Map<string, SimulatorApp>();
  halls = new Map<string, SimulatorHall>();
  cases = new Map<string, StoredCase>();
  preAcceptances = new Map<string, PreAcceptance>();
  appointments = new Map<string, Appointment>();
  /** slotId → bookings. */
  slotBookings = new Map<string, number>();
  /** `caseNo\nserviceNumber` → service. */
  services = new Map<string, EvaluationService>();
  /** `caseNo\nassessNumber` → evaluation. */
  evaluations = new Map<string, Evaluation>();
  private sequence = 0;

  constructor(
    private readonly initialSeed: SimulatorSeed,
    private readonly defaultFile: CertificateFileFactory,
  ) {
    this.reset();
  }

  /** A platform-assigned id with a prefix: `PA000001`. */
  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(6, '0')}`;
  }

  reset(): void {
    for (const map of [
      this.items,
      this.certificates,
      this.resources,
      this.apps,
      this.halls,
      this.cases,
      this.preAcceptances,
      this.appointments,
      this.slotBookings,
      this.services,
      this.evaluations,
    ]) {
      map.clear();
    }
    this.sequence = 0;
    this.seed(this.initialSeed);
  }

  /** Replace each kind of seeded data that `seed` lists. */
  seed(seed: SimulatorSeed): void {
    if (seed.items) {
      // A new Map (not clear()): route caches keyed on the Map's identity notice the change.
      this.items = new Map();
      for (const item of seed.items) this.items.set(item.implementationCode, structuredClone(item));
    }
    if (seed.certificates) {
      this.certificates.clear();
      for (const { file, ...record } of seed.certificates) {
        const given: Uint8Array | undefined = file === undefined ? undefined : new Uint8Array(file.slice(0));
        const produce = given === undefined ? this.defaultFile(record) : async () => given;
        let bytes: Promise<Uint8Array> | undefined;
        const load = (): Promise<Uint8Array> => {
          // A failed rendering is not cached: the next download tries again.
          bytes ??= produce().catch((error: unknown) => {
            bytes = undefined;
            throw error;
          });
          return bytes;
        };
        this.certificates.set(record.certId, { record: structuredClone(record), file: load });
      }
    }
    if (seed.resources) {
      this.resources.clear();
      for (const resource of seed.resources) this.resources.set(resource.code, structuredClone(resource));
    }
    if (seed.apps) {
      this.apps.clear();
      for (const app of seed.apps) this.apps.set(app.appKey, structuredClone(app));
    }
    if (seed.halls) {
      this.halls.clear();
      for (const hall of seed.halls) this.halls.set(hall.hallId, structuredClone(hall));
    }
  }
}
