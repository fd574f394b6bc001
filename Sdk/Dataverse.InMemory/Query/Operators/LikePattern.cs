using System;
using System.Collections.Generic;
using System.Text;
using Dataverse.InMemory.Query.Values;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>
    /// A SQL LIKE pattern: % any run of characters, _ exactly one, [abc] / [a-z] one of a set, [^abc] one not in
    /// it ([%] matches a literal %). Matching is case-insensitive, as under Dataverse's collation.
    /// </summary>
    internal sealed class LikePattern
    {
        private enum Kind
        {
            Char,
            One,
            Any,
            Set,
        }

        private readonly Token[] tokens;
        private readonly Func<string, bool> matcher;

        private LikePattern(string pattern)
        {
            tokens = Tokenize(pattern);
            matcher = Shortcut() ?? General;
        }

        public static LikePattern Compile(string pattern) => new LikePattern(pattern);

        public bool IsMatch(string value) => matcher(value);

        /// <summary>Plain prefix / suffix / infix patterns (the shapes BeginsWith, EndsWith and views use) skip the general matcher.</summary>
        private Func<string, bool>? Shortcut()
        {
            var leadingAny = tokens.Length > 0 && tokens[0].Kind == Kind.Any;
            var trailingAny = tokens.Length > 1 && tokens[tokens.Length - 1].Kind == Kind.Any;
            var start = leadingAny ? 1 : 0;
            var end = trailingAny ? tokens.Length - 1 : tokens.Length;
            var text = new StringBuilder();
            for (var i = start; i < end; i++)
            {
                if (tokens[i].Kind != Kind.Char)
                {
                    return null;
                }

                text.Append(tokens[i].Char);
            }

            var part = text.ToString();
            if (part.Length == 0)
            {
                return leadingAny || trailingAny ? _ => true : value => value.Length == 0;
            }

            return (leadingAny, trailingAny) switch
            {
                (false, false) => value => Collation.AreEqual(value, part) && value.Length == part.Length,
                (false, true) => value => Collation.StartsWith(value, part),
                (true, false) => value => Collation.EndsWith(value, part),
                _ => value => Collation.Contains(value, part),
            };
        }

        private bool General(string value)
        {
            // Classic wildcard matching with backtracking to the last '%'.
            int v = 0, t = 0, starToken = -1, starValue = 0;
            while (v < value.Length)
            {
                if (t < tokens.Length && tokens[t].Kind != Kind.Any && tokens[t].Matches(value[v]))
                {
                    v++;
                    t++;
                }
                else if (t < tokens.Length && tokens[t].Kind == Kind.Any)
                {
                    starToken = t++;
                    starValue = v;
                }
                else if (starToken >= 0)
                {
                    t = starToken + 1;
                    v = ++starValue;
                }
                else
                {
                    return false;
                }
            }

            while (t < tokens.Length && tokens[t].Kind == Kind.Any)
            {
                t++;
            }

            return t == tokens.Length;
        }

        private static Token[] Tokenize(string pattern)
        {
            var result = new List<Token>();
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '%':
                        if (result.Count == 0 || result[result.Count - 1].Kind != Kind.Any)
                        {
                            result.Add(new Token(Kind.Any));
                        }

                        break;
                    case '_':
                        result.Add(new Token(Kind.One));
                        break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 2);
                        if (close < 0)
                        {
                            result.Add(Token.Literal(c));
                            break;
                        }

                        result.Add(Token.ForSet(pattern.Substring(i + 1, close - i - 1)));
                        i = close;
                        break;
                    default:
                        result.Add(Token.Literal(c));
                        break;
                }
            }

            return result.ToArray();
        }

        private sealed class Token
        {
            public Token(Kind kind)
            {
                Kind = kind;
            }

            public Kind Kind { get; }

            public char Char { get; private set; }

            private bool negated;
            private readonly List<(char From, char To)> ranges = new List<(char From, char To)>();

            public static Token Literal(char c) => new Token(Kind.Char) { Char = c };

            public static Token ForSet(string body)
            {
                var negated = body.Length > 1 && body[0] == '^';
                if (negated)
                {
                    body = body.Substring(1);
                }

                // A single character in brackets is just that character: [%] and [_] escape the wildcards.
                if (!negated && body.Length == 1)
                {
                    return Literal(body[0]);
                }

                var token = new Token(Kind.Set) { negated = negated };
                for (var i = 0; i < body.Length; i++)
                {
                    if (i + 2 < body.Length && body[i + 1] == '-')
                    {
                        token.ranges.Add((char.ToUpperInvariant(body[i]), char.ToUpperInvariant(body[i + 2])));
                        i += 2;
                    }
                    else
                    {
                        token.ranges.Add((char.ToUpperInvariant(body[i]), char.ToUpperInvariant(body[i])));
                    }
                }

                return token;
            }

            public bool Matches(char c)
            {
                switch (Kind)
                {
                    case Kind.One:
                        return true;
                    case Kind.Char:
                        return Collation.CharEquals(Char, c);
                    case Kind.Set:
                        var upper = char.ToUpperInvariant(c);
                        var inSet = false;
                        foreach (var (from, to) in ranges)
                        {
                            if (upper >= from && upper <= to)
                            {
                                inSet = true;
                                break;
                            }
                        }

                        return inSet != negated;
                    default:
                        return false;
                }
            }
        }
    }
}
