// The refusal for a stale save lives with the commands that raise it; handlers import it from here too.
export { changedByConflict } from "~/services/changed-by.server";
