import { describe, expect, test } from "vitest";
import { ROLES, assignableRoles, can, roleAtLeast, type Permission, type Role } from "~/utils/permissions";

describe("roleAtLeast", () => {
  test("orders OWNER > ADMIN > MANAGER > AGENT > VIEWER", () => {
    for (const [i, role] of ROLES.entries()) {
      for (const [j, other] of ROLES.entries()) {
        expect(roleAtLeast(role, other), `${role} >= ${other}`).toBe(i <= j);
      }
    }
  });
});

describe("assignableRoles", () => {
  test("never above one's own role", () => {
    expect(assignableRoles("OWNER")).toEqual(["OWNER", "ADMIN", "MANAGER", "AGENT", "VIEWER"]);
    expect(assignableRoles("ADMIN")).toEqual(["ADMIN", "MANAGER", "AGENT", "VIEWER"]);
    expect(assignableRoles("MANAGER")).toEqual(["MANAGER", "AGENT", "VIEWER"]);
    expect(assignableRoles("AGENT")).toEqual(["AGENT", "VIEWER"]);
    expect(assignableRoles("VIEWER")).toEqual(["VIEWER"]);
  });
});

describe("can", () => {
  const table: Array<[Permission, Role]> = [
    // [permission, the lowest role that has it]
    ["read:organization:any", "VIEWER"],
    ["read:member:any", "VIEWER"],
    ["read:contact:any", "VIEWER"],
    ["read:outbox:any", "VIEWER"],
    ["read:payment:any", "VIEWER"],
    ["read:product:any", "VIEWER"],
    ["read:conversation:own", "VIEWER"],
    ["read:conversation:any", "MANAGER"],
    ["create:contact:any", "AGENT"],
    ["update:contact:own", "AGENT"],
    ["update:conversation:own", "AGENT"],
    ["create:payment:own", "AGENT"],
    ["update:contact:any", "MANAGER"],
    ["delete:contact:any", "MANAGER"],
    ["update:conversation:any", "MANAGER"],
    ["create:payment:any", "MANAGER"],
    ["read:invitation:any", "ADMIN"],
    ["create:invitation:any", "ADMIN"],
    ["delete:invitation:any", "ADMIN"],
    ["update:member:any", "ADMIN"],
    ["delete:member:any", "ADMIN"],
    ["update:settings:any", "ADMIN"],
    ["create:product:any", "ADMIN"],
    ["update:product:any", "ADMIN"],
    ["read:paymentAccount:any", "ADMIN"],
    ["update:paymentAccount:any", "ADMIN"],
    ["update:organization:any", "OWNER"],
    ["delete:organization:any", "OWNER"],
  ];

  test.each(table)("%s is granted from %s upwards and to nobody below", (permission, lowest) => {
    for (const role of ROLES) expect(can(role, permission), `${role} ${permission}`).toBe(roleAtLeast(role, lowest));
  });

  test("an ':any' grant covers ':own', but ':own' does not cover ':any'", () => {
    expect(can("MANAGER", "update:contact:own")).toBe(true);
    expect(can("ADMIN", "delete:contact:own")).toBe(true);
    expect(can("AGENT", "update:contact:own")).toBe(true);
    expect(can("AGENT", "update:contact:any")).toBe(false);
    expect(can("VIEWER", "read:conversation:any")).toBe(false);
    expect(can("AGENT", "read:conversation:any")).toBe(false);
  });

  test("nobody can do what no role is granted", () => {
    for (const role of ROLES) {
      expect(can(role, "delete:outbox:any")).toBe(false);
      expect(can(role, "create:organization:own")).toBe(false);
    }
  });

  test("no role means no permission", () => {
    expect(can(null, "read:organization:any")).toBe(false);
    expect(can(undefined, "read:member:any")).toBe(false);
  });
});
