/** The part of fs-native-extensions (no types of its own) that data-lock.ts uses. */
declare module 'fs-native-extensions' {
  const fsExt: {
    /** An exclusive lock of the whole file (F_OFD_SETLK on Linux, flock on macOS); false when another open file holds it. */
    tryLock: (fd: number, options?: { shared?: boolean }) => boolean;
    unlock: (fd: number) => void;
  };
  export default fsExt;
}
