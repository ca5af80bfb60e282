package dev.flaggate.agent.rollout;

import dev.flaggate.agent.config.ConfigProblem;
import dev.flaggate.agent.config.FlagEntry;
import dev.flaggate.agent.config.FlagSettings;
import java.util.List;
import java.util.Locale;

/**
 * The effective config of one flag, compiled for the decision table of contract section 3.
 *
 * <p>Immutable. {@link #decide(String)} runs on every gated call and allocates nothing on any path:
 * rows 1 to 3 are one precomputed code, rows 4 and 5 one probe of a table holding both lists
 * ({@link ShopperLists}) with the shopper id as given ({@code String} caches its hash), rows 7 and
 * 8 precomputed codes, and the bucket streams the id through a precomputed salt prefix
 * ({@link SaltedHash}). Whether the id is blank is asked only where it changes the answer (rows 6
 * to 8), and then mostly answered by its first char.
 */
public final class FlagRule {

  /** Where a rule's config came from, for logs. */
  public enum Origin {
    /** An active entry of the config file, or the file itself when it could never be read. */
    FILE,
    /** The flag's environment variables. */
    ENVIRONMENT,
    /** Nothing configures the flag: off, reason {@code default}. */
    NONE
  }

  private static final int EVALUATE = -1;
  private static final int OFF_DEFAULT = DecisionCode.of(false, Reason.DEFAULT);
  private static final int OFF_INVALID = DecisionCode.of(false, Reason.INVALID_CONFIG);
  private static final int OFF_DISABLED = DecisionCode.of(false, Reason.DISABLED);
  private static final int OFF_DENYLIST = DecisionCode.of(false, Reason.DENYLIST);
  private static final int ON_ALLOWLIST = DecisionCode.of(true, Reason.ALLOWLIST);
  private static final int ON_PERCENT = DecisionCode.of(true, Reason.PERCENT);
  private static final int OFF_PERCENT_EXCLUDED = DecisionCode.of(false, Reason.PERCENT_EXCLUDED);
  private static final int OFF_NOT_IN_ALLOWLIST = DecisionCode.of(false, Reason.NOT_IN_ALLOWLIST);
  private static final int OFF_NO_SHOPPER = DecisionCode.of(false, Reason.NO_SHOPPER);
  private static final int ON_ENABLED = DecisionCode.of(true, Reason.ENABLED);

  private final String flag;
  private final Origin origin;
  private final List<ConfigProblem> problems;
  private final int fixedCode;
  /**
   * Both lists in one table (rows 4 and 5 in one probe, {@link ShopperLists}), its arrays held here
   * rather than through the table object: a gated call's decision is a chain of dependent loads,
   * and this is one link fewer. Null when neither list holds an id.
   */
  private final int[] listSlots;
  private final String[] listIds;
  private final int listShift;
  private final int percent; // negative: not configured (row 6 does not apply)
  /** The salt prefix's hash state ({@link SaltedHash}), held here: read with the rule's other fields. */
  private final int saltState;
  private final int saltTail;
  private final int saltLength;
  /** Rows 7 and 8 for a shopper in no list, when no percent is configured. */
  private final int unlistedCode;
  /** The answer for no shopper, past the kill switch: rows 6 and 7 say no_shopper, row 8 enabled. */
  private final int noShopperCode;
  private final boolean shadowMode;
  private final boolean dualRun;

  private FlagRule(
      String flag, Origin origin, List<ConfigProblem> problems, int fixedCode, FlagSettings s) {
    this.flag = flag;
    this.origin = origin;
    this.problems = List.copyOf(problems);
    this.fixedCode = fixedCode;
    boolean live = s != null;
    ShopperLists lists = live ? ShopperLists.of(s.denylist(), s.allowlist()) : null;
    this.listSlots = lists != null ? lists.slots() : null;
    this.listIds = lists != null ? lists.ids() : null;
    this.listShift = lists != null ? lists.shift() : 0;
    boolean allowlistConfigured = live && s.allowlist() != null;
    this.percent = live && s.percentRollout() != null ? s.percentRollout() : -1;
    SaltedHash salted = percent >= 0 ? new SaltedHash(s.salt() != null ? s.salt() : flag) : null;
    this.saltState = salted != null ? salted.prefixState : 0;
    this.saltTail = salted != null ? salted.prefixTail : 0;
    this.saltLength = salted != null ? salted.prefixLength : 0;
    // an empty allowlist means nobody: the seed's rollback FLAG_ALLOWLIST= switches all off
    this.unlistedCode = allowlistConfigured ? OFF_NOT_IN_ALLOWLIST : ON_ENABLED;
    this.noShopperCode = percent >= 0 || allowlistConfigured ? OFF_NO_SHOPPER : ON_ENABLED;
    this.shadowMode = live && Boolean.TRUE.equals(s.shadowMode());
    this.dualRun = live && Boolean.TRUE.equals(s.dualRun());
  }

  /** Row 1: nothing configures {@code flag}. */
  static FlagRule none(String flag) {
    return new FlagRule(flag, Origin.NONE, List.of(), OFF_DEFAULT, null);
  }

  /** Row 2 for a reason outside any entry, such as a config file that could never be read. */
  static FlagRule invalid(String flag, Origin origin, List<ConfigProblem> problems) {
    return new FlagRule(flag, origin, problems, OFF_INVALID, null);
  }

  /** The rule an entry of {@code origin} states; an entry with an error gives row 2. */
  static FlagRule of(Origin origin, FlagEntry entry) {
    if (!entry.valid()) {
      return invalid(entry.flag(), origin, entry.problems());
    }
    FlagSettings settings = entry.settings();
    // the kill switch comes first: FLAG=false must turn off allowlisted shoppers too
    int fixed = Boolean.TRUE.equals(settings.enabled()) ? EVALUATE : OFF_DISABLED;
    return new FlagRule(entry.flag(), origin, entry.problems(), fixed, settings);
  }

  /**
   * The decision for one shopper, packed as a {@link DecisionCode}: the first matching row of the
   * table in contract section 3.
   *
   * @param shopperId the shopper; {@code null} or blank is "no shopper", in no list and no bucket
   */
  public int decide(String shopperId) {
    // kept tiny so that it inlines into every caller: a caller such as the router, already large,
    // would otherwise call a separately compiled copy even for a kill switch
    return fixedCode != EVALUATE ? fixedCode : evaluate(shopperId);
  }

  /** Rows 4 to 8, for an enabled and valid rule. */
  private int evaluate(String shopperId) {
    if (shopperId == null) {
      return noShopperCode;
    }
    // no blank test before the probe: the table holds no blank id, so a blank shopper is in no list
    if (listSlots != null) {
      int list = ShopperLists.listOf(listSlots, listIds, listShift, shopperId);
      if (list != ShopperLists.NONE) {
        return list == ShopperLists.DENIED ? OFF_DENYLIST : ON_ALLOWLIST;
      }
    }
    if (percent < 0) {
      return unlistedCode == ON_ENABLED || !isBlank(shopperId) ? unlistedCode : OFF_NO_SHOPPER;
    }
    // an allowlist and a percent add up: the percent decides everyone not allowlisted
    if (isBlank(shopperId)) {
      return OFF_NO_SHOPPER;
    }
    return SaltedHash.bucket(saltState, saltTail, saltLength, shopperId) < percent ? ON_PERCENT : OFF_PERCENT_EXCLUDED;
  }

  /**
   * {@link String#isBlank()}, answered from the first char for every id that starts with a visible
   * ASCII char (practically all of them), instead of scanning through {@code Character.isWhitespace}.
   */
  static boolean isBlank(String shopperId) {
    if (shopperId.isEmpty()) {
      return true;
    }
    char first = shopperId.charAt(0);
    return (first <= ' ' || first >= 0x7f) && shopperId.isBlank();
  }

  /** The flag's own {@code shadow_mode}; false when absent, or when the rule is none or invalid. */
  public boolean shadowMode() {
    return shadowMode;
  }

  /** The flag's own {@code dual_run}; false when absent, or when the rule is none or invalid. */
  public boolean dualRun() {
    return dualRun;
  }

  /** The flag's name. */
  public String flag() {
    return flag;
  }

  /** Where the config came from. */
  public Origin origin() {
    return origin;
  }

  /** Whether the config is usable; an invalid rule answers off, {@code invalid_config}. */
  public boolean valid() {
    return fixedCode != OFF_INVALID;
  }

  /** The problems of the source entry: why it is invalid, or its warnings. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** One line for logs, e.g. {@code WHATSAPP_X from file (valid)}. */
  @Override
  public String toString() {
    String state = valid() ? "valid" : "invalid: " + problems;
    return flag + " from " + origin.name().toLowerCase(Locale.ROOT) + " (" + state + ")";
  }
}
