/** A sleep another part of the loop can end early: stopping, or news that there is work. */
export class WakeableSleep {
  private wakeCurrent: (() => void) | undefined;

  async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeCurrent = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeCurrent = undefined;
  }

  /** Ends the sleep in progress, if any. */
  wake(): void {
    this.wakeCurrent?.();
  }
}
